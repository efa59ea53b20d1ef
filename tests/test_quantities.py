"""Tests for ``starlint.reading.quantities``: does a line of a Result carry a measurable outcome?

Contract (SPEC.md, "Quantified"): a Result is quantified when it states a number
tied to the outcome -- percent, %p, a rank (10위 / top 3 / 1등), a count, money,
time saved, a multiplier (3x / 두 배 / 절반) or a before -> after figure.
Years, dates, version numbers, product and model names (Python 3, seq2seq,
ResNet50, COVID-19), list numbering and the duration of the work itself do
not count.

API under test::

    find_quantities(text: str) -> list[Quantity]  # .text, .kind, .start, .end
    is_measurable(text: str) -> bool

``text`` is one line or sentence of a Result with Markdown already stripped;
inline code in backticks may still be present and must be ignored.

Many cases are real lines from ``/work/shared/seed`` and ``/work/shared/corpus``.
"""

from __future__ import annotations

import pytest

from starlint.reading.quantities import find_quantities, is_measurable


# ---------------------------------------------------------------------------
# 1. Positive, Korean (and Korean-led mixed lines): is_measurable -> True
# ---------------------------------------------------------------------------
KO_POSITIVE = [
    pytest.param("리포트 작성 시간 하루 → 1시간", id="ko-time-word-arrow"),
    pytest.param("작성 시간이 일주일에서 하루로 줄었다", id="ko-time-words-eseo"),
    pytest.param("예정보다 3일 빨리 주문 완료", id="ko-days-early"),
    # -- percent / %p / points --------------------------------------------
    pytest.param("매출 30% 증가", id="ko-percent-sales-up"),
    pytest.param("CPA 28% 감소", id="ko-percent-cpa-down"),
    pytest.param("분기 말 기준 월 비용 25% 절감 (목표 초과)", id="ko-percent-cost-cut"),
    # the arrow here joins two funnel steps, not two figures; 22% still counts
    pytest.param("장바구니 → 결제 전환율 22% 개선", id="ko-percent-funnel-arrow-words"),
    pytest.param("과잉 재고의 70%를 인근 점포로 이관", id="ko-percent-with-particle"),
    pytest.param("연말에 목표 대비 162%를 달성", id="ko-percent-of-target"),
    pytest.param("검색 후 구매 전환율이 30퍼센트 상승", id="ko-percent-spelled-peosenteu"),
    pytest.param("신규 유저 D7 retention +1.2%p", id="mix-pp-d7-retention"),
    pytest.param("수율 3%p 향상", id="ko-pp-yield"),
    pytest.param("+15p 상승", id="ko-points-plus15p"),
    pytest.param("40000명의 data 중 오직 0.065%", id="mix-count-and-percent-seed"),
    # -- ranks ---------------------------------------------------------------
    pytest.param("최종 3등 (우수상)", id="ko-rank-3deung"),
    pytest.param("10위 달성", id="ko-rank-10wi"),
    pytest.param("elice 데이터 챌린지에서 10위를 달성", id="mix-rank-10wi-particle"),
    pytest.param("최근 elice에서 주최한 data challenge에 참여하여 10위 수상", id="mix-rank-10wi-seed"),
    pytest.param("1,200여 팀 중 10위 (은메달)", id="ko-rank-of-1200-teams"),
    pytest.param("본부 영업 1위를 했습니다", id="ko-rank-1wi-honorific"),
    pytest.param("전국 대회 1등", id="ko-rank-1deung"),
    pytest.param("지원자 중 상위 5% 안에 들었음", id="ko-rank-top-5-percent"),
    # -- counts --------------------------------------------------------------
    pytest.param("참석자 62명", id="ko-count-62myeong"),
    pytest.param("연말에 신규 고객 13곳을 확보", id="ko-count-13got"),
    pytest.param("회원 수 3만 명 돌파", id="ko-count-3man-myeong"),
    pytest.param("배포 후 장애 0건", id="ko-count-zero-incidents"),
    # -- money ---------------------------------------------------------------
    pytest.param("연 매출 약 5억 원", id="ko-money-5eok"),
    pytest.param("연간 인프라 비용 2억 원 절감", id="ko-money-saved-2eok"),
    pytest.param("3천만 원 규모 계약 수주", id="ko-money-3cheonman"),
    # -- before -> after -----------------------------------------------------
    pytest.param("문의가 월 11건에서 2건으로 감소", id="ko-before-after-eseo-euro"),
    pytest.param("월 비용 약 1,800만 원 → 1,100만 원", id="ko-before-after-money-arrow"),
    pytest.param("18분에서 9분으로 줄었음", id="ko-before-after-minutes"),
    pytest.param("200ms에서 80ms로", id="ko-before-after-ms"),
    pytest.param("근접오류가 세 건에서 0건으로 감소", id="ko-before-after-native-numeral"),
    pytest.param("첫 구매 전환율 4.1% → 6.3%", id="ko-before-after-percent"),
    pytest.param("평균 배포 시간 32분 → 7분", id="ko-before-after-deploy-time"),
    pytest.param("야간 page 주 평균 25건 → 6건", id="mix-before-after-pages"),
    pytest.param("정산 관련 판매자 문의 월 1,200건 → 700건", id="ko-before-after-thousands"),
    pytest.param("처리 시간이 3시간에서 20분으로 단축", id="ko-before-after-hours-minutes"),
    pytest.param("오류율이 5%에서 1% 미만으로 떨어짐", id="ko-before-after-under-1pct"),
    # -- multipliers ---------------------------------------------------------
    pytest.param("판매량이 두 배로 뜀", id="ko-mult-du-bae"),
    pytest.param("세 배", id="ko-mult-se-bae-alone"),
    pytest.param("비용이 절반으로 줄었다", id="ko-mult-jeolban"),
    pytest.param("배포 빈도 3배", id="ko-mult-3bae"),
    pytest.param("처리량 1.5배 증가", id="ko-mult-1-5bae"),
    pytest.param("clean build 9분 → 4분, 두 배 이상 빨라짐", id="mix-mult-and-before-after"),
    pytest.param("두 자릿수 성장", id="ko-mult-double-digit-growth"),
    # -- time saved ----------------------------------------------------------
    pytest.param("주 5시간 절약", id="ko-time-saved-weekly"),
    pytest.param("보고서 작성 시간을 하루 2시간씩 단축", id="ko-time-saved-daily"),
    # -- metric values / scores ----------------------------------------------
    pytest.param("정확도 0.92", id="ko-metric-accuracy"),
    pytest.param("만족도 4.6/5", id="ko-metric-score-of-5"),
    pytest.param("macro F1 0.71 → 0.89, 이 결과로 학회 논문 1편 게재", id="mix-metric-f1-before-after"),
]


# ---------------------------------------------------------------------------
# 2. Positive, English: is_measurable -> True
# ---------------------------------------------------------------------------
EN_POSITIVE = [
    # -- spelled-out numbers ---------------------------------------------------
    pytest.param("the build got three times faster", id="en-spelled-multiplier"),
    pytest.param("forty tickets closed in the first week", id="en-spelled-count"),
    pytest.param("the suite passed 40 runs in a row", id="en-runs-count"),
    pytest.param("went from a week to a day", id="en-time-words-from-to"),
    pytest.param("branding became a feature 40 other accounts use", id="en-count-other-nouns"),
    # -- percent / points ----------------------------------------------------
    pytest.param("increased conversion 12%", id="en-percent-conversion"),
    pytest.param("Reported reach fell 23% once duplicates were gone", id="en-percent-fell"),
    pytest.param("Closed at 104% of quota", id="en-percent-of-quota"),
    pytest.param("Host revenue in new markets rose 11% in the holdout test", id="en-percent-rose"),
    pytest.param("a 30% lift in CTR", id="en-percent-lift"),
    pytest.param("churn fell by 4 percentage points", id="en-pp-spelled"),
    pytest.param("NPS up 15 points", id="en-points-nps"),
    # -- before -> after -----------------------------------------------------
    pytest.param("from 0.71 to 0.84", id="en-before-after-decimals"),
    pytest.param("62% → 81%", id="en-before-after-percent-arrow"),
    pytest.param("crash-free users 97.2% → 99.6%", id="en-before-after-crash-free"),
    pytest.param("AUC 0.79 -> 0.86", id="en-before-after-ascii-arrow"),
    pytest.param("went from 45 to 11 minutes", id="en-before-after-minutes"),
    pytest.param("cut p95 latency from 900 ms to 250 ms", id="en-before-after-latency-p95"),
    pytest.param("freshness 24h -> under 10 min", id="en-before-after-freshness"),
    pytest.param("onboarding time went from two weeks to three days", id="en-before-after-words"),
    pytest.param("down from three in a single quarter", id="en-before-only-down-from-three"),
    pytest.param("flaky-failure rate under 1% by end of quarter", id="en-under-1pct"),
    pytest.param(
        "error rate was back to its 0.065% baseline within 12 minutes",
        id="en-percent-baseline-recovery",
    ),
    # -- multipliers ---------------------------------------------------------
    pytest.param("3x faster", id="en-mult-3x"),
    pytest.param("2x cheaper", id="en-mult-2x"),
    pytest.param("reduced tickets by half", id="en-mult-by-half"),
    pytest.param("doubled sign-ups", id="en-mult-doubled"),
    pytest.param("tripled weekly active users", id="en-mult-tripled"),
    pytest.param("latency halved", id="en-mult-halved"),
    pytest.param("cut cloud costs by a third", id="en-mult-a-third"),
    # -- money ---------------------------------------------------------------
    pytest.param("$310K ARR", id="en-money-310k-arr"),
    pytest.param("saved the company €120,000 a year", id="en-money-euro"),
    # -- ranks ---------------------------------------------------------------
    pytest.param("top 3 reps", id="en-rank-top-3"),
    pytest.param("ranked #2 of 40 teams", id="en-rank-hash-2"),
    pytest.param("1st place", id="en-rank-1st-place"),
    pytest.param("won first place out of 120 teams", id="en-rank-first-place-words"),
    # -- counts --------------------------------------------------------------
    pytest.param("signed 3 new enterprise customers", id="en-count-customers"),
    pytest.param("errors dropped to zero", id="en-count-zero-word"),
    pytest.param("14 months without an incident", id="en-count-incident-free-period"),
    # -- time saved / metric values -------------------------------------------
    pytest.param("saved about 6 hours a week", id="en-time-saved-weekly"),
    pytest.param("F1 0.88", id="en-metric-f1"),
]


# ---------------------------------------------------------------------------
# 3. Negative: is_measurable -> False
# ---------------------------------------------------------------------------
NEGATIVE = [
    pytest.param("하루 종일 회의만 했다", id="neg-time-word-alone"),
    # -- a number word inside another word, or a frequency --------------------
    pytest.param("someone from support joined the users", id="neg-one-inside-someone"),
    pytest.param("we met two times a week", id="neg-spelled-frequency"),
    # -- years, dates, quarters, clock times ---------------------------------
    pytest.param("2023년 1분기 매출은 크게 흔들리지 않았고", id="neg-year-quarter-ko"),
    pytest.param("Q3 2022", id="neg-quarter-year-en"),
    pytest.param("2019/10/21", id="neg-date-slashes"),
    pytest.param("2024-03-12", id="neg-date-iso"),
    pytest.param("매뉴얼 개정판이 2024년 훈련부터 적용됨", id="neg-year-ko"),
    pytest.param("2021년 12월 Log4j 취약점 공개 직후 대응", id="neg-year-month-ko"),
    pytest.param("10월 21일에 최종 발표를 마침", id="neg-month-day-ko"),
    pytest.param("FY2024 planning was approved", id="neg-fiscal-year"),
    pytest.param("오후 3시에 배포 완료", id="neg-clock-time-ko"),
    pytest.param("called a rapid response instead of waiting for the 0400 assessment", id="neg-clock-time-en"),
    # -- versions, product / model / standard names --------------------------
    pytest.param("Python 3.11을 매일 씀", id="neg-version-python"),
    pytest.param("Python 3로 구현", id="neg-version-python-major"),
    pytest.param("Compose 1.5 기준으로 전환", id="neg-version-compose"),
    pytest.param("Java 8에서 17로 업그레이드", id="neg-version-before-after-eseo"),
    pytest.param("Vue 2 → Vue 3 마이그레이션 완료", id="neg-version-before-after-arrow"),
    pytest.param("GPT-4", id="neg-name-gpt4"),
    pytest.param("ResNet50", id="neg-name-resnet50"),
    pytest.param("seq2seq 구조로 확장", id="neg-name-seq2seq"),
    pytest.param("COVID-19", id="neg-name-covid19"),
    pytest.param("the attending later used the case in our post-COVID-19 refresher", id="neg-name-covid19-sentence"),
    pytest.param("CVE-2021-44228", id="neg-name-cve"),
    pytest.param("Android 14", id="neg-name-android14"),
    pytest.param("11번가 입점", id="neg-name-11st"),
    pytest.param("SOC 2 audit", id="neg-name-soc2"),
    pytest.param("p99", id="neg-name-p99"),
    pytest.param("OAuth 2.0 로그인 도입", id="neg-name-oauth2"),
    pytest.param("K8s와 i18n 작업을 정리함", id="neg-name-numeronyms"),
    pytest.param("Windows 11 환경에서 재현 성공", id="neg-name-windows11"),
    # -- duration of the work itself -----------------------------------------
    pytest.param("5주간 Coursera 강의를 듣고", id="neg-duration-5jugan"),
    pytest.param("2주 차에 발표", id="neg-duration-week-ordinal"),
    pytest.param("After 5 weeks I was comfortable with pandas", id="neg-duration-after-5-weeks"),
    pytest.param("a 12-week orientation", id="neg-duration-12-week"),
    pytest.param("세 달쯤 지나서 처방을 시작하셨고", id="neg-duration-se-dal"),
    pytest.param("3개월 동안 프로젝트를 진행함", id="neg-duration-3-months"),
    pytest.param("하루 1시간씩 꾸준히 공부함", id="neg-duration-daily-routine"),
    pytest.param("Spent 6 months on the migration", id="neg-duration-6-months-en"),
    # -- list / problem / round numbering -------------------------------------
    pytest.param("1번 문제를 풂", id="neg-numbering-1beon"),
    pytest.param("1) 일정 내 출시 성공", id="neg-numbering-paren-1"),
    pytest.param("2) 첫 방송 반응이 좋았음", id="neg-numbering-paren-2"),
    pytest.param("Q1. 성과를 냈던 캠페인", id="neg-numbering-question"),
    pytest.param("2차 면접 대비 자료 정리", id="neg-numbering-round"),
    pytest.param("Step 2: 배포 자동화", id="neg-numbering-step"),
    pytest.param("First, I wrote every request down in a shared sheet", id="neg-numbering-first-comma"),
    # -- idioms with number words --------------------------------------------
    pytest.param("다시 한번 깨닫게 되었음", id="neg-idiom-dasi-hanbeon"),
    pytest.param("첫번째 도전", id="neg-idiom-cheotbeonjjae"),
    pytest.param("한 번 더 검토하는 습관이 생김", id="neg-idiom-han-beon-deo"),
    pytest.param("하나부터 열까지 직접 챙김", id="neg-idiom-hana-yeol"),
    pytest.param("one of the hardest projects I have worked on", id="neg-idiom-one-of"),
    pytest.param("once again the checklist proved useful", id="neg-idiom-once-again"),
    # -- numbers only inside inline code --------------------------------------
    pytest.param("`retry=3` 옵션 적용", id="neg-code-retry3"),
    pytest.param("`max_depth=6`으로 튜닝했지만 큰 차이는 없었음", id="neg-code-max-depth"),
    pytest.param("set `timeout: 30s` in the client config", id="neg-code-timeout-en"),
    pytest.param("`pandas==2.1`로 버전 고정", id="neg-code-pin-version"),
    # -- vague results (outcome in words only) --------------------------------
    pytest.param("성능이 그렇게 나쁘지는 않았으나", id="neg-vague-not-bad"),
    pytest.param("greatly improved", id="neg-vague-greatly-improved"),
    pytest.param("반응이 좋았음", id="neg-vague-good-reaction"),
    pytest.param("팀원들 만족도가 높음", id="neg-vague-high-satisfaction"),
    pytest.param("처리 속도가 크게 개선됨", id="neg-vague-much-faster-ko"),
    pytest.param("significantly reduced latency", id="neg-vague-significantly"),
    pytest.param("We got through the weekend without any capacity issues", id="neg-vague-no-issues"),
    pytest.param("They finished orientation on time and felt ready for the floor", id="neg-vague-on-time"),
    pytest.param("큰 사고 없이 상황이 끝났고, 이후 교육 사례로 공유됨", id="neg-vague-no-accident"),
    # -- plain text / empty --------------------------------------------------
    pytest.param("대표님께 칭찬을 들음", id="neg-plain-ko"),
    pytest.param("Nobody was fully happy, but the call stuck", id="neg-plain-en"),
    pytest.param("", id="neg-empty"),
    pytest.param("   ", id="neg-whitespace"),
]


@pytest.mark.parametrize("text", KO_POSITIVE)
def test_korean_result_is_measurable(text: str) -> None:
    assert is_measurable(text), f"expected a measurable outcome in {text!r}"


@pytest.mark.parametrize("text", EN_POSITIVE)
def test_english_result_is_measurable(text: str) -> None:
    assert is_measurable(text), f"expected a measurable outcome in {text!r}"


@pytest.mark.parametrize("text", NEGATIVE)
def test_not_measurable(text: str) -> None:
    assert not is_measurable(text), (
        f"{text!r} has no measurable outcome, found {[q.text for q in find_quantities(text)]!r}"
    )


# ---------------------------------------------------------------------------
# 4. find_quantities: spans and what (not) to match
# ---------------------------------------------------------------------------
def _texts(text: str) -> list[str]:
    return [q.text for q in find_quantities(text)]


def test_find_before_after_covers_the_after_figure() -> None:
    # before -> after: either one match spans "210% → 340%", or the after figure
    # is at least matched on its own.
    texts = _texts("ROAS 210% → 340%")
    assert any("340%" in t for t in texts), texts


def test_find_before_after_also_finds_the_before_figure() -> None:
    texts = _texts("ROAS 210% → 340%")
    assert any("210%" in t for t in texts), texts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("elice 데이터 챌린지에서 10위를 달성", "10위", id="find-rank-before-particle-reul"),
        pytest.param("참석자가 62명이었다", "62명", id="find-count-before-copula"),
        pytest.param("매출이 30%나 늘었다", "30%", id="find-percent-before-particle-na"),
        pytest.param("판매량이 두 배로 뜀", "두 배", id="find-native-multiplier"),
    ],
)
def test_find_quantity_attached_to_korean_particle(text: str, expected: str) -> None:
    texts = _texts(text)
    assert any(expected in t for t in texts), texts


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("ResNet50과 GPT-4", id="find-none-model-names"),
        pytest.param("Python 3.11과 Android 14", id="find-none-versions"),
        pytest.param("COVID-19 이후 seq2seq 구조로 확장", id="find-none-covid-seq2seq"),
    ],
)
def test_find_nothing_in_names_and_versions(text: str) -> None:
    assert find_quantities(text) == []


def test_find_ignores_number_inside_inline_code() -> None:
    text = "`x=3` 이후 정확도 0.92"
    code_end = text.index("`", 1) + 1
    quantities = find_quantities(text)
    assert quantities, "0.92 should be found"
    assert any("0.92" in q.text for q in quantities), [q.text for q in quantities]
    for q in quantities:
        assert q.text != "3"
        assert q.start >= code_end, f"match {q.text!r} lies inside the code span"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("ROAS 210% → 340%, CPA 28% 감소", id="span-ko-arrow"),
        pytest.param("문의가 월 11건에서 2건으로 감소", id="span-ko-eseo-euro"),
        pytest.param("cut p95 latency from 900 ms to 250 ms", id="span-en-from-to"),
        pytest.param("`retry=3` 적용 후 실패율 8% → 1%", id="span-after-code"),
    ],
)
def test_quantity_spans_are_consistent(text: str) -> None:
    quantities = find_quantities(text)
    assert quantities
    for q in quantities:
        assert isinstance(q.kind, str) and q.kind
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start:q.end] == q.text


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("최종 3등 (우수상)", id="agree-ko-rank"),
        pytest.param("3x faster", id="agree-en-mult"),
        pytest.param("월 비용 약 1,800만 원 → 1,100만 원", id="agree-ko-money"),
    ],
)
def test_measurable_text_has_a_found_quantity(text: str) -> None:
    assert is_measurable(text)
    assert find_quantities(text), "is_measurable is True, so some quantity must be found"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("참석자 62명", id="bool-true"),
        pytest.param("반응이 좋았음", id="bool-false"),
    ],
)
def test_is_measurable_returns_a_bool(text: str) -> None:
    assert isinstance(is_measurable(text), bool)
