"""Dump every candidate trigger (rules, no model) of PolNeAR dev + Zyte bodies for candidate-level judging."""
import sys, json, random
sys.path.insert(0, '/work/main'); sys.path.insert(0, '/work/main/scripts')
from pathlib import Path
import train_event_model as T
shared = Path('/work/shared')
docs = T.annotated_docs(shared)  # only annotated docs... we want all docs: rebuild
import csv
gt = json.load(open(shared/'eval/extraction/zyte/ground-truth.json'))
dates = {r['filename']: r['publication_date'] for r in csv.DictReader(open(shared/'eval/quotes/polnear/metadata.tsv'), delimiter='\t')}
alldocs = [{"id": f"zyte:{k}", "group": k, "text": v['articleBody'], "date": None, "kind": "annot", "sentences": []} for k, v in sorted(gt.items())]
alldocs += [{"id": f"polnear-dev:{p.stem}", "group": p.stem, "text": p.read_text(), "date": dates.get(p.stem), "kind": "annot", "sentences": []} for p in sorted((shared/'eval/quotes/polnear/dev/text').glob('*.txt'))]
annotated = set()
for path in Path('/work/main/eval/annotations').glob('events-*.jsonl'):
    for line in path.read_text().splitlines():
        a = json.loads(line); annotated.add((f"{a['corpus']}:{a['doc']}", a['start']))
out = []
for d, cands in T.candidates(alldocs):
    for c in cands:
        s = c.sent
        if (d['id'], s.start_char) in annotated:
            continue
        ts = T._trigger_span(c)
        out.append({"doc": d['id'], "trigger_span": list(ts), "trigger": d['text'][ts[0]:ts[1]],
                    "sentence_span": [s.start_char, s.end_char], "sentence": d['text'][s.start_char:s.end_char],
                    "published": d['date'],
                    "rule_type": c.rule_type, "type": c.type, "cameo": c.cameo,
                    "source": [a.text for a in c.sources if a.known or a.proper][:3],
                    "target": [a.text for a in c.targets][:3],
                    "modality": c.mod.modality, "negated": c.mod.negated,
                    "rules_verdict": "emit" if c.verdict.ok else c.verdict.reason,
                    "pattern": f"{c.trig.pattern.kind} {c.trig.pattern.pattern}"})
random.seed(20261207)
random.shuffle(out)
Path('/work/cands').mkdir(exist_ok=True)
with open('/work/cands/candidates.jsonl', 'w') as f:
    for i, r in enumerate(out):
        r['n'] = i
        f.write(json.dumps(r) + '\n')
print(len(out), 'candidates')
