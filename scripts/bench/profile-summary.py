#!/usr/bin/env python3
"""Sums a DevTools .cpuprofile (scripts/bench/wall.ts --profile FILE) by self time.

    python3 scripts/bench/profile-summary.py FILE [--top 40] [--by function|url]

Prints milliseconds of self time per function (name, file, line) or per script, largest first.
"""
import argparse
import collections
import json

parser = argparse.ArgumentParser()
parser.add_argument('file')
parser.add_argument('--top', type=int, default=40)
parser.add_argument('--by', choices=['function', 'url'], default='function')
args = parser.parse_args()

profile = json.load(open(args.file))
nodes = {node['id']: node for node in profile['nodes']}
# Each sample is one node; the time until the next sample is that node's self time.
deltas = profile.get('timeDeltas', [])
self_ms = collections.Counter()
for i, node_id in enumerate(profile.get('samples', [])):
    gap = deltas[i + 1] if i + 1 < len(deltas) else 0
    frame = nodes[node_id]['callFrame']
    url = frame.get('url', '').rsplit('/', 1)[-1] or '(native)'
    if args.by == 'url':
        key = url
    else:
        key = f"{frame.get('functionName') or '(anonymous)'}  {url}:{frame.get('lineNumber', -1) + 1}"
    self_ms[key] += gap / 1000
total = sum(self_ms.values())
print(f'{total:9.1f} ms sampled in all')
for key, ms in self_ms.most_common(args.top):
    print(f'{ms:9.1f}  {key}')
