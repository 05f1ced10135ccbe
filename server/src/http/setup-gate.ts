/**
 * Until a system administrator exists, a production server serves nothing but /healthz and the
 * page that says how to create one on the server (`npm run admin -- create …`): no account can
 * be created over the network by whoever reaches the server first.
 */
import type { NextFunction, Request, Response } from 'express';
import type { Database } from '../db/database.js';
import { enabledAccountWithRoleExists } from '../db/queries/accounts.js';

const RECHECK_MS = 2000;

const SETUP_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>首次设置 · First-time setup</title>
<style>body{font:16px/1.6 system-ui,sans-serif;max-width:46rem;margin:4rem auto;padding:0 1rem;color:#1f2933}
code,pre{background:#f0f4f8;border-radius:4px;padding:.1rem .3rem}pre{padding:.8rem;overflow:auto}</style></head>
<body><h1>首次设置：创建系统管理员</h1>
<p>本系统尚无系统管理员账户。为防止任何人通过网络抢先创建账户，只能在服务器上用命令行创建：</p>
<pre>npm run admin -- create --username 用户名 --role sysadmin --jurisdiction 371700000000 --display-name "姓名"</pre>
<p>命令会在终端上要求输入密码（不回显）。辖区须是已加载的行政区划：请先加载本市地图数据（<code>npm run seed -- --dir 数据目录</code>）。
使用内置数据库时，一个数据目录只能由一个进程打开：请先停止服务器，执行命令后再启动。再以同样方式创建安全管理员（<code>--role secadmin</code>）和审计管理员（<code>--role auditadmin</code>）。
创建后刷新本页即可登录。详见 docs/operations.md。</p>
<h1 lang="en">First-time setup: create the system administrator</h1>
<p lang="en">This server has no system administrator yet. So that nobody can create one over the network first,
it is created on the server with the command above, which asks for the password on the terminal. The
jurisdiction must be a loaded administrative unit: load the city's map first (<code>npm run seed -- --dir FOLDER</code>).
With the embedded database only one process may open its data directory: stop the server, run the command, start it again. Create the
security (<code>--role secadmin</code>) and audit (<code>--role auditadmin</code>) administrators the same way,
then reload this page. See docs/operations.md.</p></body></html>`;

export function setupGate(db: Database) {
  let ready = false;
  let checkedAt = 0;
  const isReady = async () => {
    if (ready || Date.now() - checkedAt < RECHECK_MS) return ready;
    checkedAt = Date.now();
    ready = await enabledAccountWithRoleExists(db, ['sysadmin']);
    return ready;
  };
  return async (req: Request, res: Response, next: NextFunction) => {
    if (req.path === '/healthz' || (await isReady())) return next();
    res.setHeader('Cache-Control', 'no-store');
    if (req.method === 'GET' && req.accepts(['html', 'json']) === 'html') {
      return res.status(503).type('html').send(SETUP_PAGE);
    }
    res.status(503).json({
      error: {
        code: 'SETUP_REQUIRED',
        message: 'no system administrator exists yet: create one on the server with `npm run admin -- create …`',
      },
    });
  };
}
