import json, sys
corpus, a, b = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
from common import sample
rows = sample(corpus)
prev = None
for i, r in enumerate(rows[a:b], a):
    if r['doc'] != prev:
        print('## DOC', r['doc']); prev = r['doc']
    print(i, '::', r['text'].replace('\n', ' ⏎ ').strip())
