"""Replays recorded HTTP responses of a wall session (recorded at city scale on the dev machine)."""
import hashlib, json, os, sys, threading
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
from urllib.parse import urlsplit

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'replay')
INDEX = json.load(open(os.path.join(ROOT, 'index.json')))
by_exact = {}
by_path = {}
by_op = {}
for e in INDEX:
    by_exact.setdefault((e['method'], e['path'], e['search'], e['op']), e)
    by_path.setdefault((e['method'], e['path']), e)
    if e['op']:
        by_op.setdefault(e['op'], e)

def norm(q):
    return ' '.join(q.split())[:400]

class H(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    def log_message(self, *a):
        pass
    def handle_any(self, method):
        u = urlsplit(self.path)
        body = b''
        if method == 'POST':
            n = int(self.headers.get('content-length') or 0)
            body = self.rfile.read(n)
        op = ''
        if body:
            try:
                op = norm(json.loads(body)['query'])
            except Exception:
                op = ''
        search = ('?' + u.query) if u.query else ''
        e = by_exact.get((method, u.path, search, op)) or (by_op.get(op) if op else None) or by_path.get((method, u.path))
        if e is None and method == 'GET' and not u.path.startswith(('/assets', '/basemap', '/feeds', '/graphql')):
            e = by_path.get(('GET', '/wall'))
        if e is None or self.headers.get('upgrade'):
            self.send_response(404); self.send_header('content-length', '0'); self.end_headers(); return
        data = open(os.path.join(ROOT, e['file']), 'rb').read()
        self.send_response(e['status'] if e['status'] != 304 else 200)
        self.send_header('content-type', e['type'] or 'application/octet-stream')
        self.send_header('content-length', str(len(data)))
        self.end_headers()
        self.wfile.write(data)
    def do_GET(self):
        self.handle_any('GET')
    def do_POST(self):
        self.handle_any('POST')

ThreadingHTTPServer(('127.0.0.1', int(sys.argv[1]) if len(sys.argv) > 1 else 8000), H).serve_forever()
