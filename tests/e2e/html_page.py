"""What the report suites read in an HTML page cna wrote (test_report.sh, through check_html and
the portfolio index case): one parser for the file and for the DOM a browser dumps, and a PNG
decoder (zlib only) for the browser's screenshot."""
import struct
import sys
import zlib
from html.parser import HTMLParser

VOID = {"meta", "br", "img", "link", "input", "hr"}
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


class Page(HTMLParser):
    """Every element closed in order; no external resource, no event handler; the CSP, the tags,
    the visible text, the links and the table rows (the text of each cell)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.tags, self.text, self.links, self.rows, self.csp = [], [], [], [], [], None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        assert "src" not in a and "action" not in a, f"external resource: <{tag} {a}>"
        assert not any(k.startswith("on") for k in a), f"an event handler: <{tag} {a}>"
        if "href" in a:
            assert tag == "a" and "/" not in a["href"] and a["href"].endswith(".html"), a
            self.links.append(a["href"])
        if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy":
            self.csp = a.get("content")
        if tag == "tr":
            self.rows.append([])
        if tag in ("td", "th") and self.rows:
            self.rows[-1].append("")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-3:]}"
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)
        if ("td" in self.stack or "th" in self.stack) and "title" not in self.stack:
            if self.rows and self.rows[-1]:
                self.rows[-1][-1] += data


def read(path):
    """The page at `path`, checked as cna writes every page: well-formed, self-contained, the
    CSP, no script, an inline SVG chart, no external CSS, no escape sequence."""
    html = open(path, encoding="utf-8").read()
    p = Page()
    p.feed(html)
    p.close()
    assert not p.stack, f"unclosed: {p.stack}"
    assert html.startswith("<!DOCTYPE html>")
    assert p.csp == CSP, p.csp
    assert "script" not in p.tags, "a script element"
    assert "svg" in p.tags and "rect" in p.tags, "no SVG chart"
    assert "url(" not in html and "@import" not in html, "external CSS"
    assert "\x1b" not in html
    return p


def cells(rows):
    """Rows as the reader sees them: each cell's text with its spaces collapsed."""
    return [[" ".join(c.split()) for c in row] for row in rows]


def png_pixels(path):
    """(width, height, {(r, g, b): count}) of an 8-bit RGB or RGBA PNG, decoded with zlib."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and colour in (2, 6) and interlace == 0, (depth, colour, interlace)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    counts, previous, at = {}, bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[at], bytearray(raw[at + 1:at + 1 + stride])
        at += 1 + stride
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        for i in range(0, stride, channels):
            rgb = (line[i], line[i + 1], line[i + 2])
            counts[rgb] = counts.get(rgb, 0) + 1
        previous = line
    return width, height, counts


if __name__ == "__main__":
    sys.exit("a module: import it")
