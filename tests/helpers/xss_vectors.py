"""Known XSS vectors, by the families of the OWASP XSS filter-evasion cheat sheet.

Written for this project from the families' ideas (not copied): each vector is what an editor's
account could paste into a text field or a fact. ``tests/checks/test_xss_corpus.py`` feeds every one
through every field.
"""

from __future__ import annotations

JS = "alert(1)"
B64_SCRIPT = "PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="  # "<script>alert(1)</script>"

VECTORS: dict[str, list[str]] = {
    "script tags": [
        f"<script>{JS}</script>",
        "<SCRIPT SRC=https://xss.example.org/x.js></SCRIPT>",
        f"<script/src=data:,{JS}></script>",
        f"<ScRiPt>{JS}</sCrIpT>",
        f"<scr<script>ipt>{JS}</script>",
        f"< script >{JS}</ script >",
    ],
    "tag and attribute variants": [
        f"<img src=x onerror={JS}>",
        f"<IMG SRC=# onmouseover=\"{JS}\">",
        f"<body onload={JS}>",
        f"<details open ontoggle={JS}>",
        f"<input autofocus onfocus={JS}>",
        f"<video><source onerror={JS}></video>",
        f"<marquee onstart={JS}>x</marquee>",
        f"<div style=\"background:url(javascript:{JS})\">x</div>",
        "<img src=x:alert(alt) onerror=eval(src) alt=0>",
        f"<a href=\"javascript:{JS}\">Link</a>",
        f"<button formaction=javascript:{JS}>x</button>",
        f"<form action=\"javascript:{JS}\"><button>x</button></form>",
    ],
    "slashes instead of spaces": [
        f"Probe <img/src=x onerror={JS}>",
        f"<svg/onload={JS}>",
        f"<img/src='x'/onerror={JS}>",
        f"<body/onload={JS}>",
    ],
    "whitespace inside tags": [
        f"<img src=x\tonerror={JS}>",
        f"<img\nsrc=x\nonerror={JS}>",
        f"<img src=x onerror\n={JS}>",
    ],
    "unclosed and malformed tags": [
        f"<img src=x onerror={JS}//",
        f"<img src=x onerror={JS} <b>",
        f"<img \"\"\"><script>{JS}</script>\">",
        f"<iframe src=javascript:{JS} <",
        f"<<script>{JS}//<</script>",
    ],
    "breaking out of attributes and elements": [
        f"\" onmouseover=\"{JS}",
        f"' onfocus='{JS}' autofocus='",
        f"\" autofocus onfocus={JS} x=\"",
        f"\"><svg onload={JS}>",
        f"'><script>{JS}</script>",
        f"</title><script>{JS}</script>",
        f"</script><script>{JS}</script>",
        f"</textarea><script>{JS}</script>",
        f"--><script>{JS}</script>",
        f"]]><script>{JS}</script>",
    ],
    "comments, CDATA and processing instructions": [
        f"<!--<img src=x onerror={JS}>-->",
        f"<![CDATA[<script>{JS}</script>]]>",
        f"<?xml-stylesheet href=\"javascript:{JS}\"?>",
        f"<!DOCTYPE x [<!ENTITY e \"<script>{JS}</script>\">]>",
    ],
    "svg and math": [
        f"<svg><script>{JS}</script></svg>",
        f"<svg><a xlink:href=\"javascript:{JS}\"><text x=\"9\" y=\"9\">x</text></a></svg>",
        f"<svg><animate onbegin={JS} attributeName=x dur=1s>",
        f"<svg><set attributeName=href to=javascript:{JS}>",
        f"<math><mtext><table><mglyph><style><img src=x onerror={JS}>",
        f"<math href=\"javascript:{JS}\">x</math>",
    ],
    "embedding elements": [
        f"<iframe src=\"javascript:{JS}\"></iframe>",
        f"<iframe srcdoc=\"&lt;script&gt;{JS}&lt;/script&gt;\"></iframe>",
        f"<object data=\"javascript:{JS}\"></object>",
        f"<embed src=\"data:text/html;base64,{B64_SCRIPT}\">",
        f"<base href=\"javascript:{JS}//\">",
        f"<meta http-equiv=\"refresh\" content=\"0;url=javascript:{JS}\">",
        f"<link rel=stylesheet href=\"javascript:{JS}\">",
    ],
    "entity and other encodings": [
        f"&lt;script&gt;{JS}&lt;/script&gt;",
        f"Probe &lt;img src=x onerror={JS}&gt;",
        f"&#60;img src=x onerror={JS}&#62;",
        f"&#x3C;svg onload={JS}&#x3E;",
        f"&#0000060;script&#0000062;{JS}&#0000060;/script&#0000062;",
        f"\\x3cscript\\x3e{JS}\\x3c/script\\x3e",
        f"\\u003cimg src=x onerror={JS}\\u003e",
        f"%3Cscript%3E{JS}%3C%2Fscript%3E",
        f"+ADw-script+AD4-{JS}+ADw-/script+AD4-",
        f"＜script＞{JS}＜/script＞",
        f"&lt;/title&gt;&lt;script&gt;{JS}&lt;/script&gt;",
        f"&quot; onmouseover=&quot;{JS}",
    ],
    "script URLs and scheme tricks": [
        f"javascript:{JS}",
        f"[Link](javascript:{JS})",
        f"[Link](jAvAsCrIpT:{JS})",
        f"[Link](java&#x09;script:{JS})",
        f"[Link](java\tscript:{JS})",
        f"[Link](&#106;avascript:{JS})",
        f"[Link]( javascript:{JS})",
        f"[Link](data:text/html;base64,{B64_SCRIPT})",
        "[Link](vbscript:msgbox(1))",
        f"<javascript:{JS}>",
        f"![Bild](javascript:{JS})",
        f"[Link][r]\n\n[r]: javascript:{JS}",
        f"[Link](https://example.org/\" onclick=\"{JS})",
        f"https://example.org/\" onclick=\"{JS}",
        f"https://example.org/'><script>{JS}</script>",
        f"<https://example.org/\" onmouseover=\"{JS}>",
    ],
    "attr_list": [
        f"{{: onclick=\"{JS}\" }}",
        f"Text\n{{: onerror={JS} }}",
        f"# Titel {{: onmouseover={JS} }}",
        f"{{: #x .y onfocus={JS} tabindex=0 }}",
        f"[Link](https://example.org){{: onclick={JS} }}",
        f"*kursiv*{{: onmouseover={JS} }}",
    ],
    "backticks, quotes and templates": [
        f"`<img src=x onerror={JS}>`",
        f"<img src=`x` onerror=`{JS}`>",
        "\"';!--\"<XSS>=&{()}",
        f"'-{JS}-'",
        f"\\\";{JS};//",
        f"${{{JS}}}",
        f"{{{{constructor.constructor('{JS}')()}}}}",
        f"**<b onmouseover={JS}>x</b>**",
    ],
}


def all_vectors() -> list[tuple[str, str]]:
    """(family, vector) pairs, in a stable order."""
    return [(family, vector) for family, vectors in VECTORS.items() for vector in vectors]
