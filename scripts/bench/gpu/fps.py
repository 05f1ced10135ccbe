"""Drives headless Chromium over the DevTools protocol: wall load times and frame rates."""
import asyncio, json, os, subprocess, sys, time
import aiohttp

CHROME = os.environ['CHROME']
URL = sys.argv[1]
LABEL = sys.argv[2]
FLAGS = sys.argv[3].split()
W, H = 1920, 1080
if len(sys.argv) > 4:
    W, H = map(int, sys.argv[4].split('x'))

MARKS = r"""
(() => { const marks = {}; window.__marks = marks;
  new MutationObserver(() => { const el = document.querySelector('[data-testid=wall-map]'); if (!el) return;
    if (el.dataset.mapState === 'ready' && marks.ready === undefined) { marks.ready = performance.now(); marks.f0 = Number(el.dataset.frames || 0); }
    // Counted in the task after the frame's: once the page has handed the frame to the compositor.
    if (marks.ready !== undefined && marks.submitted === undefined && Number(el.dataset.frames || 0) > marks.f0) { marks.submitted = performance.now(); setTimeout(() => { marks.frame = performance.now(); }, 0); }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-map-state', 'data-frames'] });
})();
"""

async def main():
    log = open(f'/tmp/chrome-{LABEL}.log', 'w')
    proc = subprocess.Popen([CHROME, '--headless', '--no-sandbox', f'--window-size={W},{H}', '--remote-debugging-port=9222',
                             '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
                             *FLAGS, 'about:blank'], stdout=log, stderr=log)
    try:
        async with aiohttp.ClientSession() as http:
            for _ in range(100):
                try:
                    async with http.get('http://127.0.0.1:9222/json') as r:
                        targets = await r.json()
                    pages = [t for t in targets if t['type'] == 'page']
                    if pages: break
                except Exception:
                    pass
                await asyncio.sleep(0.2)
            ws = await http.ws_connect(pages[0]['webSocketDebuggerUrl'], max_msg_size=0)
            ids = iter(range(1, 10**9))
            pending = {}
            async def reader():
                async for msg in ws:
                    m = json.loads(msg.data)
                    if 'id' in m and m['id'] in pending:
                        pending.pop(m['id']).set_result(m)
            task = asyncio.create_task(reader())
            async def send(method, **params):
                i = next(ids); fut = asyncio.get_event_loop().create_future(); pending[i] = fut
                await ws.send_str(json.dumps({'id': i, 'method': method, 'params': params}))
                m = await asyncio.wait_for(fut, 120)
                if 'error' in m: raise RuntimeError(f'{method}: {m["error"]}')
                return m.get('result', {})
            async def ev(expr, await_promise=False):
                r = await send('Runtime.evaluate', expression=expr, returnByValue=True, awaitPromise=await_promise)
                return r.get('result', {}).get('value')
            await send('Page.enable'); await send('Runtime.enable')
            await send('Emulation.setDeviceMetricsOverride', width=W, height=H, deviceScaleFactor=1, mobile=False)
            await send('Page.addScriptToEvaluateOnNewDocument', source=MARKS)
            t0 = time.time()
            await send('Page.navigate', url=URL)
            marks = None
            while time.time() - t0 < 150:
                marks = await ev('JSON.stringify(window.__marks || {})')
                marks = json.loads(marks or '{}')
                if 'frame' in marks: break
                await asyncio.sleep(0.1)
            renderer = await ev("""(() => { const gl = document.createElement('canvas').getContext('webgl2'); if (!gl) return 'no webgl2';
               const d = gl.getExtension('WEBGL_debug_renderer_info'); return d ? gl.getParameter(d.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER); })()""")
            frames = "Number(document.querySelector('[data-testid=wall-map]').dataset.frames || 0)"
            # Drag the map for 5 s in 16 ms steps; count deck.gl's frames.
            import math
            x, y = W / 2, H / 2
            await send('Input.dispatchMouseEvent', type='mouseMoved', x=x, y=y)
            await send('Input.dispatchMouseEvent', type='mousePressed', x=x, y=y, button='left', clickCount=1)
            f1 = (await ev(frames)) or 0; s = time.time(); step = 0
            while time.time() - s < 5:
                step += 1
                await send('Input.dispatchMouseEvent', type='mouseMoved', x=x + 300 * math.sin(step / 15), y=y + 150 * math.cos(step / 15), button='left', buttons=1)
                await asyncio.sleep(0.004)
            f2 = (await ev(frames)) or 0; dt = time.time() - s
            await send('Input.dispatchMouseEvent', type='mouseReleased', x=x, y=y, button='left', clickCount=1)
            # requestAnimationFrame rate while idle (what the page's clock can tick at).
            raf = await ev("new Promise(r => { let n = 0; const t = performance.now(); const f = () => { n++; if (performance.now() - t < 3000) requestAnimationFrame(f); else r(n / ((performance.now() - t) / 1000)); }; requestAnimationFrame(f); })", True)
            # The wall's own performance marks (style, map-loaded, feeds, labels, drawing, first-frame).
            pmarks = await ev("JSON.stringify(Object.fromEntries(performance.getEntriesByType('mark').filter(m => m.name.startsWith('wall:')).map(m => [m.name.slice(5), Math.round(m.startTime)])))")
            print(json.dumps({'label': LABEL, 'marks': json.loads(pmarks or '{}'), 'size': f'{W}x{H}', 'renderer': renderer, 'dataReadyMs': round(marks.get('ready', -1)),
                              'firstFrameMs': round(marks.get('frame', -1)), 'dragFps': round((f2 - f1) / dt, 1), 'dragSteps': step,
                              'idleRafFps': round(raf or 0, 1)}), flush=True)
            task.cancel()
    finally:
        proc.kill()

asyncio.run(main())
