import type { ComponentChildren } from 'preact';

/** Small, phone-first styles inline: the CSP allows inline styles, and the portal loads nothing else. */
const STYLE = `
body{margin:0;font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;line-height:1.7;color:#222;background:#f6f6f4}
header{background:#b71c1c;color:#fff;padding:.8rem 1rem}header a{color:#fff;text-decoration:none;font-weight:bold}
nav{display:flex;flex-wrap:wrap;gap:.2rem 1rem;padding:.5rem 1rem;background:#fff;border-bottom:1px solid #ddd}nav a{color:#b71c1c}
main{max-width:48rem;margin:0 auto;padding:1rem}
section,article{background:#fff;border-radius:6px;padding:1rem;margin-bottom:1rem;box-shadow:0 1px 2px rgba(0,0,0,.08)}
h1{font-size:1.3rem;margin:.2rem 0 .8rem}h2{font-size:1.1rem;margin:.2rem 0 .6rem}
.meta{color:#666;font-size:.9rem}.notice{background:#fff8e1;border-left:4px solid #f9a825;padding:.6rem .8rem}
.receipt{font-size:1.4rem;font-weight:bold;letter-spacing:.05em;color:#1b5e20}
.error{background:#ffebee;border-left:4px solid #c62828;padding:.6rem .8rem}
pre{white-space:pre-wrap;word-break:break-word;font-family:inherit;margin:0}
textarea,input{width:100%;box-sizing:border-box;font:inherit;padding:.5rem;border:1px solid #bbb;border-radius:4px}
button{font:inherit;background:#b71c1c;color:#fff;border:0;border-radius:4px;padding:.6rem 1.4rem;margin-top:.6rem}
table{width:100%;border-collapse:collapse;font-size:.95rem}td,th{border-bottom:1px solid #eee;padding:.4rem;text-align:left;vertical-align:top}
ul.list{list-style:none;padding:0;margin:0}ul.list li{padding:.6rem 0;border-bottom:1px solid #eee}
`;

/** The frame of every portal page: Chinese, a viewport for phones, the portal's navigation. */
export function Layout({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <html lang="zh-CN">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} — 政府信息公开`}</title>
        <style dangerouslySetInnerHTML={{ __html: STYLE }} />
      </head>
      <body>
        <header>
          <a href="/public/">政府信息公开 · 公众参与</a>
        </header>
        <nav>
          <a href="/public/consultations">意见征集</a>
          <a href="/public/consultations?status=closed">征集结果</a>
          <a href="/public/major-decisions">重大行政决策</a>
          <a href="/public/documents">政府文件</a>
        </nav>
        <main>{children}</main>
      </body>
    </html>
  );
}
