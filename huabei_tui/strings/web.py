"""What ``huabei serve`` says (``serve.*``): to the person at the terminal, and to a browser it refuses (``web.*``).

Its options' names (``field.port``, ``field.host``, …) are core strings, as every field's name is.
"""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # --- used by web/strings.py ---
    "serve.port": ("“{value}”不是有效端口（1–65535）", "“{value}” is not a port (1–65535)"),
    "serve.bad_host": ("“{value}”不是主机名或 IP 地址", "“{value}” is not a host name or IP address"),
    "serve.connections": ("“{value}”不是 1–{high} 之间的整数", "“{value}” is not a whole number from 1 to {high}"),
    "serve.needs_public": ("{host} 不是本机地址，其他机器也能访问；确需如此请加 --public（更安全的做法：SSH 隧道，见 README）",
                           "{host} is reachable from other machines; add --public if you mean it "
                           "(safer: an SSH tunnel, see the README)"),
    "serve.public_needs_host": ("--public 需要同时用 --host 指明其他机器访问的地址（例：--host 192.168.1.20）",
                                "--public needs --host with the address other machines use (e.g. --host 192.168.1.20)"),
    "serve.warning": ("警告：正在 {host} 上以未加密的 HTTP 提供服务；能看到你与它之间网络流量的人可以读到令牌，"
                      "进而查看和修改你的数据。更安全的做法是 SSH 隧道（见 README）",
                      "Warning: serving on {host} over unencrypted HTTP; whoever can watch the network between you "
                      "and it can read the token, then see and change your data. An SSH tunnel is safer (see the README)"),
    "serve.missing": ("需要 textual-serve：pip install 'huabei-tui[web]'", "needs textual-serve: pip install 'huabei-tui[web]'"),
    "serve.cannot_listen": ("无法在 {address} 上提供服务：{reason}", "cannot serve on {address}: {reason}"),
    "serve.port_in_use": ("该端口已被其他程序占用，请用 --port 换一个", "another program uses this port: choose another with --port"),
    "serve.unknown_host": ("这不是本机的名称或地址", "that is not a name or address of this machine"),
    # the address ends its line, so a terminal's link detection and a double-click take exactly the address
    "serve.listening": ("在浏览器中打开（Ctrl+C 停止）：{url}", "Open in a browser (Ctrl+C stops): {url}"),
    "serve.also": ("或 {url}", "or {url}"),
    "serve.token_note": ("地址中含有本次运行的随机令牌，请勿外传：持有它的人在服务运行期间可以使用你的数据。"
                         "最多同时打开 {limit} 个浏览器标签页。",
                         "The address holds this run's secret token: keep it to yourself, whoever has it can use "
                         "your data while this runs. Browser tabs open at once: at most {limit}."),
    # --- what the terminal is told when a request is refused (header text from the request is made inert) ---
    "web.log.token": ("已拒绝：来自 {peer} 的请求没有正确的令牌", "Refused: a request from {peer} without the right token"),
    "web.log.host": ("已拒绝：请求的主机名是 {host}，不是本服务的地址（可能是 DNS 重绑定攻击）",
                     "Refused: a request for host {host}, not this server (a web page may be trying DNS rebinding)"),
    "web.log.bad_request": ("已拒绝：来自 {peer} 的请求不是有效的 HTTP", "Refused: a request that is not valid HTTP (from {peer})"),
    "web.log.error": ("回应来自 {peer} 的请求时出错：{error}", "Error while answering a request from {peer}: {error}"),
    "web.log.origin": ("已拒绝：来自其他网站 {origin} 的页面试图连接", "Refused: a page on another site ({origin}) tried to connect"),
    "web.log.busy": ("已拒绝：同时打开的浏览器标签页已达上限 {limit}（--max-connections）",
                     "Refused: the limit of browser tabs at once ({limit}) is reached (--max-connections)"),
    # --- what a refused browser sees ---
    "web.page.token.title": ("此地址需要令牌", "This address needs its token"),
    "web.page.token.body": ("请打开 huabei serve 在终端中打印的完整地址，它以 ?token=… 结尾。每次启动都会生成新令牌，"
                            "以前的地址不再有效。",
                            "Open the whole address that huabei serve printed in its terminal: it ends in ?token=…. "
                            "Each start makes a new token, so an address from an earlier run no longer works."),
    "web.page.host.title": ("地址不对", "Wrong address"),
    "web.page.host.body": ("本服务只接受这些地址：{hosts}。请打开 huabei serve 打印的地址。",
                           "This server answers only to {hosts}. Open the address huabei serve printed."),
    "web.page.origin.title": ("已拒绝：其他网站", "Refused: another site"),
    "web.page.origin.body": ("其他网站的页面不能使用 huabei。", "A page on another site cannot use huabei."),
    "web.busy": ("huabei 已在其他浏览器标签页中打开，达到了本次服务允许的上限（{limit}）。"
                 "请关闭其中一个后刷新本页，或用 --max-connections 重新启动 huabei serve。",
                 "huabei is open in as many browser tabs as this serve allows ({limit}). Close one and reload "
                 "this page, or start huabei serve again with a larger --max-connections."),
    "web.busy.reason": ("连接数已达上限（{limit}）", "too many tabs open (limit {limit})"),
}
