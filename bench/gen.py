"""Seeded generator of realistic interview-notes corpora, for benchmarking starlint.

    python bench/gen.py                         # /tmp/starlint-bench: 1, 60, 200, 2000 files, 4 KB, 20 MB
    python bench/gen.py OUT --files 10000       # OUT/files-10000/…
    python bench/gen.py OUT --big-mb 20 --files # only the 20 MB file

The notes look like the ones people keep: Korean, English and mixed lines
(`spark study에서 얻은 것`), headings, nested bullets, prose, bold labels
(`**상황**:`), label headings (`### Result`), numbers with units
(`41% → 32%`, `1,500건`, `p95 1.2초 → 280ms`), talking points, code blocks,
tables, front matter and HTML comments.  File *i* of a set depends only on the
seed and *i*, so a 2,000-file set is the first 2,000 files of the 10,000 one.

Nothing is ever written inside the repository: OUT defaults to a folder under
the system temp dir.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = Path(tempfile.gettempdir()) / "starlint-bench"
DEFAULT_SEED = 20240
FILES_PER_FOLDER = 100

# ------------------------------------------------------------------ words --
COMPANIES = ["오늘의집", "당근", "토스", "쿠팡", "배민", "네이버", "카카오", "라인", "무신사", "야놀자",
             "Ledgerly", "Wise", "Stripe", "Acme", "Globex", "Initech", "Umbrella", "Hooli"]
TEAMS_KO = ["그로스팀", "데이터팀", "결제팀", "주문/배차팀", "플랫폼팀", "추천팀", "CS팀", "인프라팀", "정산팀", "검색팀"]
TEAMS_EN = ["growth team", "payments team", "platform team", "search team", "onboarding squad",
            "data team", "infra team", "support tooling team", "billing team"]
TOOLS = ["Kafka", "Redis", "BigQuery", "dbt", "Airflow", "Spark", "LightGBM", "PyTorch", "React", "Django",
         "Spring Boot", "Kubernetes", "Terraform", "GA4", "Amplitude", "Looker", "PostgreSQL", "Elasticsearch",
         "FastAPI", "Next.js", "gRPC", "Datadog", "Sentry", "Snowflake", "ResNet50", "GPT-4", "Python 3.12"]
METRICS_KO = ["결제 단계 이탈률", "주문 실패율", "p95 latency", "CS 문의 건수", "예측 오차(WAPE)", "배차 지연",
              "재구매율", "전환율", "DAU", "신고 처리 시간", "빌드 시간", "온보딩 완료율", "리텐션", "클릭률"]
METRICS_EN = ["checkout failures", "p95 latency", "support tickets", "churn", "activation rate",
              "build time", "on-call pages", "conversion", "forecast error", "time to first payment",
              "weekly active users", "refund rate", "deploy frequency"]
DOMAINS_KO = ["패션 커머스", "배달 플랫폼", "핀테크 스타트업", "B2B SaaS", "게임 회사", "모빌리티", "헬스케어 앱"]
DOMAINS_EN = ["B2B fintech", "a food delivery app", "a logistics startup", "a marketplace", "a health app",
              "an ad-tech company", "a SaaS analytics tool"]
EVENTS_KO = ["명절", "주말 저녁 피크", "블랙프라이데이", "신규 가입 이벤트", "분기 마감", "대규모 프로모션"]
EVENTS_EN = ["the holiday sale", "a Friday-night peak", "the Q3 sales push", "a partner launch", "quarter close"]
HALVES = ["상반기", "하반기", "1분기", "3분기", "연말"]
TOPICS_KO = ["장바구니 이탈 분석", "쿠폰 어뷰징 탐지", "리텐션 대시보드 개편", "수요 예측 모델", "주문 조회 API 성능 개선",
             "메뉴 캐시 stampede 장애", "정산 batch 마이그레이션", "추천 모델 재학습 파이프라인", "온보딩 퍼널 개선",
             "로그 수집 비용 절감", "검색 랭킹 개편", "배포 자동화", "빅 콘테스트 참가", "spark study에서 얻은 것"]
TOPICS_EN = ["Checkout error spike", "Onboarding redesign", "Pricing experiment", "Migration to the new editor",
             "Search relevance overhaul", "Incident: payment retries", "Mentoring a new hire",
             "Cutting cloud costs", "Disagreeing with leadership", "Prioritizing under pressure",
             "A launch I led", "Reducing on-call load"]
QUESTIONS_KO = ["경험 / 프로젝트 질문", "인성 질문", "가장 자랑스러운 프로젝트", "실패 경험", "갈등 해결 경험",
                "리더십 경험", "지원 동기", "기술 질문 대비"]
QUESTIONS_EN = ["Tell me about a product decision you drove with data", "Tell me about a time you failed",
                "Walk me through a launch you led", "Tell me about a conflict on your team",
                "Describe a time you improved how your team works", "Why this company?"]

LABELS = {
    "ko": {"situation": ["상황", "배경", "문제"], "task": ["과제", "목표", "내 역할"],
           "action": ["행동", "해결", "한 일"], "result": ["결과", "성과", "배운 점"]},
    "en": {"situation": ["Situation", "Context", "Background"], "task": ["Task", "Goal", "My role"],
           "action": ["Action", "Approach", "What I did"], "result": ["Result", "Outcome", "Impact"]},
}
LETTERS = {"situation": "S", "task": "T", "action": "A", "result": "R"}
EMOJI = {"situation": "📌", "task": "🎯", "action": "🛠", "result": "📈"}
PARTS = ("situation", "task", "action", "result")


# ---------------------------------------------------------------- numbers --
def _int(rng: random.Random, lo: int, hi: int) -> str:
    return f"{rng.randint(lo, hi):,}"


def _pct_pair(rng: random.Random) -> tuple[int, int]:
    a = rng.randint(12, 90)
    return a, max(1, a - rng.randint(3, a - 1 if a > 4 else 3))


def figure_ko(rng: random.Random) -> str:
    a, b = _pct_pair(rng)
    n = rng.randint(200, 9000)
    return rng.choice([
        f"{a}% → {b}%",
        f"월 {n:,}건 → {n // rng.randint(2, 6):,}건으로",
        f"{rng.uniform(0.8, 3.5):.1f}초 → {rng.randint(80, 700)}ms",
        f"{rng.randint(2, 5)}배",
        f"{rng.randint(1, 30)}위",
        f"{a - b}%p 개선",
        f"약 {_int(rng, 1, 90)}억 원 절감",
        f"주 {rng.randint(2, 12)}시간 절약",
        f"{_int(rng, 1200, 90000)}명",
        "절반으로",
    ])


def figure_en(rng: random.Random) -> str:
    a, b = _pct_pair(rng)
    return rng.choice([
        f"from {a}% to {b}%",
        f"{a}% → {b}%",
        f"from {rng.randint(8, 30)} to {rng.randint(1, 7)} a month",
        f"{rng.randint(2, 6)}x",
        f"by {a - b}%",
        f"${rng.randint(40, 900)}K a year",
        f"{_int(rng, 120, 40000)} new accounts",
        f"top {rng.randint(1, 10)}",
        f"{rng.randint(3, 20)} hours a week saved",
    ])


# -------------------------------------------------------------- sentences --
def sentence(rng: random.Random, lang: str, part: str) -> str:
    """One line of a story in `lang` ("ko", "en" or "mixed")."""
    if lang == "en":
        return _sentence_en(rng, part)
    return _sentence_ko(rng, part, mixed=lang == "mixed")


def _sentence_ko(rng: random.Random, part: str, mixed: bool) -> str:
    tool = rng.choice(TOOLS)
    metric = rng.choice(METRICS_KO)
    team = rng.choice(TEAMS_KO)
    year = rng.randint(2018, 2025)
    extra = f" ({rng.choice(TOOLS)} 기반)" if mixed and rng.random() < 0.5 else ""
    if part == "situation":
        return rng.choice([
            f"전 직장 {rng.choice(DOMAINS_KO)}, {year}년 {rng.choice(HALVES)}에 {metric}이 유독 높았음",
            f"{rng.choice(EVENTS_KO)}마다 {metric} 문제가 반복돼서 현업 불만이 계속 올라옴",
            f"{tool} consumer lag 이슈가 터져서 {team} 업무가 최대 {rng.randint(5, 40)}분 밀림{extra}",
            f"당시 {team}에서는 팀마다 지표 정의가 달라서 주간 회의 때마다 숫자가 안 맞았음",
            f"{year}년 {rng.choice(COMPANIES)} 인턴 시절, 레거시 {tool} 파이프라인이 자주 멈췄다",
        ])
    if part == "task":
        return rng.choice([
            f"{team} 유일한 분석가로서 원인을 찾고 개선안까지 제안하는 것이 제 담당이었음",
            f"목표는 다음 분기 안에 {metric}을 절반으로 줄이는 것",
            f"on-call 담당으로서 피크 시간에도 {metric}을 SLO 이내로 유지해야 했음",
            f"팀 리드로서 {rng.randint(2, 6)}명 팀의 일정과 품질을 책임지는 역할",
        ])
    if part == "action":
        return rng.choice([
            f"{tool} 로그를 {rng.choice(TOOLS)}로 옮겨서 단계별 퍼널을 다시 그림{extra}",
            f"원인을 코호트별로 나눠 비교하고 A/B 테스트를 설계해서 {rng.randint(1, 4)}주 진행",
            f"sync 호출을 async batch 호출로 바꾸고 {tool} 캐싱을 붙임",
            f"{rng.choice(TEAMS_KO)} 인터뷰해서 정의 초안 만들고, {tool} 모델로 계산 로직 일원화",
            f"재시도 로직을 설계하고 `retry_backoff={rng.randint(2, 9)}` 설정으로 canary 배포함",
            f"매주 {tool} 대시보드를 공유하며 이해관계자와 우선순위를 맞춤",
        ])
    # result: mostly measured, sometimes not
    if rng.random() < 0.25:
        return rng.choice([
            "팀장님께 좋은 평가를 받았고 회의 때 숫자 논쟁이 줄어듦",
            f"이후 {tool} 방식이 모든 캠페인에 적용됨",
            "설계 문서 작성 중이며 다음 분기에 적용 예정",
            "협업의 중요성을 다시 한번 깨닫게 되었음",
        ])
    return rng.choice([
        f"{metric} {figure_ko(rng)}, 월 주문 약 {_int(rng, 300, 5000)}건 증가로 추정",
        f"{metric}이 {figure_ko(rng)} 감소했고 {team} 업무가 크게 줄어듦",
        f"대회에서 {rng.randint(1, 20)}위를 달성{extra}",
        f"{metric} {figure_ko(rng)}, 같은 유형의 장애 0건",
    ])


def _sentence_en(rng: random.Random, part: str) -> str:
    tool = rng.choice(TOOLS)
    metric = rng.choice(METRICS_EN)
    team = rng.choice(TEAMS_EN)
    if part == "situation":
        return rng.choice([
            f"At {rng.choice(COMPANIES)}, {rng.randint(20, 70)}% of sign-ups stalled at verification during {rng.choice(EVENTS_EN)}.",
            f"In {rng.randint(2018, 2025)} I was on the {team} at {rng.choice(DOMAINS_EN)}, and {metric} kept climbing.",
            f"Our {tool} cluster fell over every {rng.choice(EVENTS_EN)} and customers noticed.",
            f"When I joined, the {team} had no shared definition of {metric}.",
        ])
    if part == "task":
        return rng.choice([
            f"As the {team}'s PM, I had to cut {metric} before {rng.choice(EVENTS_EN)}.",
            f"My goal was to bring {metric} under control within one quarter.",
            f"I was asked to own the migration plan and decide when to switch {tool} off.",
            f"I owned {metric} for the {team}, so fixing it was on me.",
        ])
    if part == "action":
        return rng.choice([
            f"I pulled funnel data with our analyst, ran {rng.randint(3, 9)} customer calls, and wrote the PRD.",
            f"I rewrote the retry logic in {tool} and shipped it behind a feature flag.",
            "I split the rollout into cohorts and ran a daily check-in with engineering and support.",
            f"I built a {tool} dashboard and set up a weekly 30-minute review with the tech lead.",
            f"I paired one engineer with compliance and moved `{tool.split()[0].lower()}_v{rng.randint(1, 4)}` to a canary.",
        ])
    if rng.random() < 0.25:
        return rng.choice([
            "The launch went smoothly and the support team called it the calmest migration yet.",
            "We will roll it out to the rest of the org next quarter.",
            f"I learned a lot about {tool} and now use it daily.",
        ])
    return rng.choice([
        f"{metric.capitalize()} fell {figure_en(rng)}, and the team adopted the playbook.",
        f"{metric.capitalize()} improved {figure_en(rng)} within {rng.randint(2, 8)} weeks.",
        f"It brought in {_int(rng, 80, 5000)} new accounts in the first month.",
        f"We reached {figure_en(rng)} and cut {metric} {figure_en(rng)}.",
    ])


# ----------------------------------------------------------------- stories --
def _label(rng: random.Random, lang: str, part: str) -> str:
    base = "en" if lang == "en" else ("ko" if lang == "ko" or rng.random() < 0.7 else "en")
    return rng.choice(LABELS[base][part])


def _parts(rng: random.Random) -> list[str]:
    parts = list(PARTS)
    if rng.random() < 0.3:  # a story with a part missing: what the linter is for
        parts.remove(rng.choice(PARTS))
    return parts


def _topic(rng: random.Random, lang: str) -> str:
    return rng.choice(TOPICS_EN if lang == "en" else TOPICS_KO)


def story_bullets(rng: random.Random, lang: str) -> str:
    out = [f"- {_topic(rng, lang)}"]
    for part in _parts(rng):
        for k in range(rng.choice((1, 1, 2))):
            text = sentence(rng, lang, part)
            if k == 0 and rng.random() < 0.4:
                text = f"{_label(rng, lang, part)} : {text}"
            out.append(f"  - {text}")
            if rng.random() < 0.2:
                out.append(f"    - {sentence(rng, lang, part)}")
    return "\n".join(out)


def story_bold(rng: random.Random, lang: str) -> str:
    out = [f"## {_topic(rng, lang)}", ""]
    style = rng.choice(("bold", "bold", "letter", "emoji"))
    for part in _parts(rng):
        text = " ".join(sentence(rng, lang, part) for _ in range(rng.choice((1, 1, 2))))
        if style == "letter":
            out.append(f"**{LETTERS[part]}:** {text}")
        elif style == "emoji":
            out.append(f"{EMOJI[part]} **{_label(rng, lang, part)}** : {text}")
        else:
            out.append(f"**{_label(rng, lang, part)}**: {text}")
    return "\n".join(out)


def story_headings(rng: random.Random, lang: str, number: int) -> str:
    out = [f"## {number}. {_topic(rng, lang)}", ""]
    for part in _parts(rng):
        out += [f"### {_label(rng, lang, part)}"]
        out += [f"- {sentence(rng, lang, part)}" for _ in range(rng.choice((1, 2, 2, 3)))]
        out.append("")
    return "\n".join(out).rstrip()


def story_prose(rng: random.Random, lang: str) -> str:
    lines = [sentence(rng, lang, part) for part in _parts(rng)]
    if lang != "en":
        lines = [s if s.endswith(".") else s + "." for s in lines]
    return f"## {_topic(rng, lang)}\n\n" + " ".join(lines)


def talking_points(rng: random.Random, lang: str) -> str:
    if lang == "en":
        pool = ["Pitch: 5 years in B2B fintech, the last 2 owning onboarding",
                "Ask about the team's on-call rotation", "Mention the Plaid integration",
                "Why this company: the product I already use every week"]
    else:
        pool = ["분석 시작 전에 지표 정의부터 현업이랑 맞춘다 → 숫자 싸움을 줄이는 게 제일 큰 생산성",
                "모르는 건 모른다고 말하고, 언제까지 확인해서 알려드리겠다고 답하기",
                "코드 리뷰는 \"왜 이렇게 했는지\"를 남기는 게 핵심",
                "왜 이 회사? 구매 주기가 길어서 추천·리텐션 쪽으로 분석할 거리가 많음"]
    return "\n".join(f"- {p}" for p in rng.sample(pool, rng.randint(1, 3)))


def extra_block(rng: random.Random) -> str:
    return rng.choice([
        "```sql\nSELECT user_id, COUNT(*) AS orders\nFROM orders\nWHERE created_at >= '2024-01-01'\nGROUP BY 1;\n```",
        "| 지표 | 전 | 후 |\n| --- | --- | --- |\n| 이탈률 | 41% | 32% |\n| p95 | 1.2s | 280ms |",
        "<!-- TODO: 숫자 다시 확인하기 (2024.03) -->",
        "> 면접관 피드백: 결과를 숫자로 더 분명하게 말할 것",
        "---",
    ])


def notes_file(rng: random.Random, target_bytes: int) -> str:
    """One notes file of about `target_bytes` (UTF-8)."""
    lang = rng.choices(("ko", "en", "mixed"), weights=(4, 3, 3))[0]
    company = rng.choice(COMPANIES)
    if lang == "en":
        title = f"# {company} interview prep — {rng.choice(['PM', 'backend', 'data', 'design'])} loop"
    else:
        title = f"# {company} {rng.choice(['데이터 분석가', '백엔드 엔지니어', 'PM', 'ML 엔지니어'])} 면접 준비 ({rng.randint(2019, 2025)}.{rng.randint(1, 12):02d})"
    chunks = []
    if rng.random() < 0.1:
        chunks.append(f"---\ntitle: {company}\ntags: [interview, notes]\n---")
    chunks += [title, talking_points(rng, lang)]
    size = sum(len(c.encode()) for c in chunks)
    number = 1
    while size < target_bytes:
        kind = rng.random()
        if kind < 0.15:
            questions = QUESTIONS_EN if lang == "en" else QUESTIONS_KO
            chunk = f"## {number}. {rng.choice(questions)}\n\n" + "\n\n".join(
                story_bullets(rng, lang) for _ in range(rng.randint(1, 3)))
        elif kind < 0.45:
            chunk = story_bullets(rng, lang)
        elif kind < 0.65:
            chunk = story_bold(rng, lang)
        elif kind < 0.78:
            chunk = story_headings(rng, lang, number)
        elif kind < 0.88:
            chunk = story_prose(rng, lang)
        elif kind < 0.94:
            chunk = talking_points(rng, lang)
        else:
            chunk = extra_block(rng)
        chunks.append(chunk)
        size += len(chunk.encode()) + 2
        number += 1
    return "\n\n".join(chunks) + "\n"


def file_size(rng: random.Random) -> int:
    """Typical notes files: mostly 2–6 KB, a few up to ~12 KB (mean ≈ 4.3 KB in UTF-8)."""
    return int(min(12_000, max(800, rng.lognormvariate(8.15, 0.45))))


# ------------------------------------------------------------------ corpora --
def file_text(seed: int, index: int) -> str:
    rng = random.Random(f"{seed}:{index}")
    return notes_file(rng, file_size(rng))


def _guard(out: Path) -> Path:
    out = out.resolve()
    if out == REPO or REPO in out.parents:
        raise SystemExit(f"gen.py: refusing to write inside the repository ({out}); pick a folder elsewhere")
    return out


def write_corpus(folder: Path, count: int, seed: int = DEFAULT_SEED) -> dict:
    """`count` files in sub-folders of 100, like a real notes tree; returns a manifest."""
    folder = _guard(folder)
    total = 0
    for i in range(count):
        sub = folder / f"batch-{i // FILES_PER_FOLDER:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        data = file_text(seed, i).encode()
        (sub / f"notes-{i:05d}.md").write_bytes(data)
        total += len(data)
    return {"files": count, "bytes": total, "seed": seed}


def write_single(path: Path, size: int = 4096, seed: int = DEFAULT_SEED) -> dict:
    """One file of about `size` bytes (complete stories, just under `size`)."""
    path = _guard(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"{seed}:single:{size}")
    text = notes_file(rng, size * 2)
    data = text.encode()
    if len(data) > size:  # cut back to the last blank line under `size`
        cut = data.rfind(b"\n\n", 0, size)
        data = data[:cut + 1] if cut > 0 else data[:size]
    path.write_bytes(data)
    return {"files": 1, "bytes": len(data), "seed": seed}


def write_big(path: Path, megabytes: float = 20, seed: int = DEFAULT_SEED) -> dict:
    """One huge notes file (many files' worth of notes under one title)."""
    path = _guard(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    limit = int(megabytes * 1_000_000)
    total = 0
    with path.open("wb") as out:
        out.write(b"# All my interview notes\n\n")
        i = 0
        while total < limit:
            text = file_text(seed, 1_000_000 + i).replace("\n# ", "\n## ")
            text = text[2:] if text.startswith("# ") else text
            data = ("## " + text + "\n").encode()
            out.write(data)
            total += len(data)
            i += 1
    return {"files": 1, "bytes": total + 26, "seed": seed}


_LIST_INDENT = re.compile(r"^((?:  )+)(?=(?:[-*+]|\d{1,9}[.)])(?: |$))", re.M)


def tabbed(text: str) -> str:
    """The same notes as a user with tab-indented lists writes them: one tab per level.

    The generator nests list items by two spaces a level; each such run of leading
    spaces before a list marker becomes that many tabs (CommonMark reads a tab as
    indentation to the next multiple of four, so the lists nest the same way).
    """
    return _LIST_INDENT.sub(lambda m: "\t" * (len(m.group(1)) // 2), text)


def write_tabbed(source: Path, folder: Path) -> dict:
    """A copy of the corpus under `source` with its list indentation in tabs (see `tabbed`)."""
    source, folder = source.resolve(), _guard(folder)
    count = total = 0
    for path in sorted(source.rglob("*.md")):
        out = folder / path.relative_to(source)
        out.parent.mkdir(parents=True, exist_ok=True)
        data = tabbed(path.read_text(encoding="utf-8")).encode()
        out.write_bytes(data)
        count, total = count + 1, total + len(data)
    return {"files": count, "bytes": total, "tabs_of": str(source)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", nargs="?", type=Path, default=DEFAULT_OUT, help=f"output folder (default {DEFAULT_OUT})")
    ap.add_argument("--files", type=int, nargs="*", default=[1, 60, 200, 2000],
                    help="file counts of the sets to write (OUT/files-N); 10000 for the big tree")
    ap.add_argument("--single-kb", type=float, default=4, help="size of OUT/single-NKB.md (0: none)")
    ap.add_argument("--big-mb", type=float, default=20, help="size of OUT/big-NMB.md (0: none)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = ap.parse_args(argv)
    out = _guard(args.out)
    manifest = {}
    for n in args.files:
        manifest[f"files-{n}"] = write_corpus(out / f"files-{n}", n, args.seed)
    if args.single_kb:
        name = f"single-{args.single_kb:g}KB.md"
        manifest[name] = write_single(out / name, int(args.single_kb * 1024), args.seed)
    if args.big_mb:
        name = f"big-{args.big_mb:g}MB.md"
        manifest[name] = write_big(out / name, args.big_mb, args.seed)
    for name, info in manifest.items():
        print(f"{out / name}: {info['files']} file(s), {info['bytes'] / 1e3:,.0f} KB")
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
