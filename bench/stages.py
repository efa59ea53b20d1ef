import time
from pathlib import Path
from starlint import engine
from starlint.config import Config
from starlint.parse import parse
from starlint.segment import segment
from starlint.classify import classify
from markdown_it import MarkdownIt
texts=[(str(p),p.read_text()) for p in sorted(Path('/tmp/starlint-bench/files-2000').rglob('*.md'))[:600]]
cfg=Config()
engine.lint_text(texts[0][1], texts[0][0], cfg)
md=MarkdownIt("commonmark")
T={}
def tm(k,f):
    t=time.perf_counter(); r=f(); T[k]=T.get(k,0)+time.perf_counter()-t; return r
for p,x in texts: tm("bare",lambda: md.parse(x))
for p,x in texts:
    doc=tm("parse",lambda: parse(x,p))
    lex=tm("lex",lambda: engine._lexicon(doc,cfg))
    st=tm("segment",lambda: list(segment(doc,lex)))
    st=tm("classify",lambda: [classify(s,lex) for s in st])
    d=tm("check",lambda: engine._check(st,cfg,p,doc))
    tm("suppress",lambda: engine._suppress(doc,st,d,cfg,p))
    tm("reports",lambda: [engine.story_report(s) for s in st])
for p,x in texts: tm("lint_text",lambda: engine.lint_text(x,p,cfg))
for k,v in T.items(): print(f"{k:10} {v:.3f}  {v/T['bare']:.2f}x")
