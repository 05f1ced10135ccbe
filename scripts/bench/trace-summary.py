#!/usr/bin/env python3
"""Sums a Chromium trace (from `scripts/bench/wall.ts --trace FILE`) by event name, per process and
thread: where the time to the first frame went. `python3 scripts/bench/trace-summary.py FILE [--top 25]`"""
import json
import sys
from collections import defaultdict

path = sys.argv[1]
top = int(sys.argv[sys.argv.index('--top') + 1]) if '--top' in sys.argv else 25
with open(path) as f:
    data = json.load(f)
events = data['traceEvents'] if isinstance(data, dict) else data

names = {}
for e in events:
    if e.get('ph') == 'M' and e.get('name') in ('process_name', 'thread_name'):
        names[(e['name'], e['pid'], e.get('tid'))] = e['args']['name']

def label(e):
    proc = names.get(('process_name', e['pid'], None)) or names.get(('process_name', e['pid'], e.get('tid'))) or str(e['pid'])
    thread = names.get(('thread_name', e['pid'], e['tid']), str(e['tid']))
    return f'{proc}/{thread}'

# Complete events ('X') carry their duration; B/E pairs are matched per thread.
totals = defaultdict(float)
counts = defaultdict(int)
stacks = defaultdict(list)
for e in sorted((e for e in events if e.get('ph') in ('X', 'B', 'E')), key=lambda e: e['ts']):
    key_thread = (e['pid'], e['tid'])
    if e['ph'] == 'X':
        k = (label(e), e['name'])
        totals[k] += e.get('dur', 0) / 1000
        counts[k] += 1
    elif e['ph'] == 'B':
        stacks[key_thread].append(e)
    elif stacks[key_thread]:
        b = stacks[key_thread].pop()
        k = (label(b), b['name'])
        totals[k] += (e['ts'] - b['ts']) / 1000
        counts[k] += 1

print(f'{"ms":>9} {"n":>6}  thread / event')
for (thread, name), ms in sorted(totals.items(), key=lambda kv: -kv[1])[:top]:
    print(f'{ms:9.1f} {counts[(thread, name)]:6d}  {thread} / {name}')
