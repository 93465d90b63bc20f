"""Agreement between the blind re-annotation (blind-raw.txt) and the deliverable for the same sentences."""
import json
import sys
sys.path.insert(0, '.')
from pathlib import Path
from build import parse

order = json.load(open('blind-order.json'))
ev2, _, seen2, err = parse(Path('blind-raw.txt'))
assert not err and len(seen2) == len(order), (err, len(seen2))
first = {}
for corpus in ('zyte', 'polnear-dev'):
    ev1, _, _, _ = parse(Path(f'raw-{corpus}.txt'))
    first[corpus] = ev1
sent_agree = type_agree = n_match = 0
tp = fp = fn = 0
role_agree = flag_agree = unsure_agree = 0
for n, (corpus, i) in enumerate(order):
    a = first[corpus].get(i, [])
    b = ev2.get(n, [])
    if bool(a) == bool(b):
        sent_agree += 1
    used = set()
    for e in a:
        m = next((j for j, f in enumerate(b) if j not in used and (
            e['trigger'] in f['trigger'] or f['trigger'] in e['trigger'])), None)
        if m is None:
            fn += 1
            continue
        used.add(m)
        f = b[m]
        tp += 1
        type_agree += e['type'] == f['type']
        role_agree += (e['source'], e['target']) == (f['source'], f['target'])
        flag_agree += (e['modality'], e['negated']) == (f['modality'], f['negated'])
        unsure_agree += bool(e.get('unsure')) == bool(f.get('unsure'))
    fp += len(b) - len(used)
print(f"sentences: {len(order)}; event/no-event agreement {sent_agree}/{len(order)}")
print(f"events first pass {tp+fn}, second pass {tp+fp}, matched by trigger {tp}")
p = tp / (tp + fp) if tp + fp else 1
r = tp / (tp + fn) if tp + fn else 1
print(f"trigger F1 {2*p*r/(p+r):.3f}; on matched: type {type_agree}/{tp}, source+target {role_agree}/{tp},"
      f" flags {flag_agree}/{tp}, unsure flag {unsure_agree}/{tp}")
