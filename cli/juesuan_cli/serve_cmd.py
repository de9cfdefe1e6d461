"""make-report serve: the page in the browser (juesuan.web); arguments and messages only."""
from __future__ import annotations

import click

from .common import fail


@click.command(short_help="打开网页版（在浏览器中审核、生成、汇总、核对）")
@click.option("--host", default="127.0.0.1", show_default=True, metavar="地址",
              help="监听的地址；默认只有本机能访问。改为其他地址（如局域网 0.0.0.0）时会生成一次性访问令牌，"
                   "每个访问都必须带上它")
@click.option("--port", type=click.IntRange(0, 65535), default=0, metavar="端口",
              help="端口（默认：自动选一个空闲端口）")
@click.option("--no-browser", is_flag=True, help="不自动打开浏览器")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="批量处理的并行进程数（默认：CPU 核数）")
def serve_command(host: str, port: int, no_browser: bool, jobs: int | None) -> None:
    """启动网页版：在浏览器中审核工作簿、下载标注副本和报告，批量汇总各部门，核对已公开的报告。

    \b
    网页只在本机运行，不需要联网；上传的文件和生成的结果保存在私有临时文件夹中，
    按 Ctrl+C 停止服务后全部删除。
    """
    from juesuan import describe_os_error, web
    try:
        server = web.WebServer(web.Settings(host=host, port=port, jobs=jobs))
    except OSError as exc:
        fail(f"无法在 {host}:{port or '（自动）'} 启动网页服务：{describe_os_error(exc)}")
    click.echo(f"网页版已启动：{server.url}")
    if server.token:
        click.echo("注意：服务开在本机以外也能访问的地址上。请只把上面这个完整网址（含访问令牌）发给需要的同事；"
                   "令牌只在本次启动有效。")
        if host in ("0.0.0.0", "::"):
            click.echo(f"同事请把网址中的 {host} 换成本机的局域网 IP 地址。")
    click.echo("按 Ctrl+C 停止服务（上传的文件和生成的结果随即删除）。")
    try:
        server.run(open_browser=not no_browser)
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
    click.echo("网页服务已停止，临时文件已删除。")
