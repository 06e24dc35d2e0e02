/**
 * EJS templates handed to epub-gen-memory in place of its own. Its templates
 * print a random uuid, `new Date()`, an empty dc:description and a made-up
 * copyright line; these print only what the book says. Everything they need is
 * in the `octavo` option (see PackageData in package.ts); `<%= %>` escapes for
 * XML, `<%- %>` prints what is already XHTML.
 */

/** Characters XML 1.0 forbids even as character references. */
export const notXml =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function escapeXml(value: string): string {
  return value
    .replace(notXml, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

export function xhtmlHead(lang: string, title: string): string {
  const l = escapeXml(lang);
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="${l}" xml:lang="${l}">
<head>
<meta charset="UTF-8"/>
<title>${escapeXml(title)}</title>
<link rel="stylesheet" type="text/css" href="style.css"/>
</head>`;
}

/**
 * A whole content document around `body` (finished XHTML from xhtml.ts). Plain
 * TypeScript rather than EJS so the golden tests see exactly the packaged bytes.
 */
export function xhtmlDocument(doc: { lang: string; title: string; bodyType: string; body: string }): string {
  return `${xhtmlHead(doc.lang, doc.title)}
<body epub:type="${escapeXml(doc.bodyType)}">
${doc.body}
</body>
</html>
`;
}

/** Each chapter object carries its finished document in `xhtml`. */
export const chapterXHTML = '<%- xhtml %>';

export const contentOPF = `<?xml version="1.0" encoding="UTF-8"?>
<% const o = octavo; %><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="<%= o.lang %>">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="book-id"><%= o.identifier %></dc:identifier>
<dc:title id="title"><%= o.title %></dc:title>
<dc:language><%= o.lang %></dc:language>
<% o.creators.forEach(function (name, i) { %><dc:creator id="creator<%= i + 1 %>"><%= name %></dc:creator>
<meta refines="#creator<%= i + 1 %>" property="role" scheme="marc:relators">aut</meta>
<% }) %><% if (o.date) { %><dc:date><%= o.date %></dc:date>
<% } %><% if (o.description) { %><dc:description><%= o.description %></dc:description>
<% } %><% if (o.publisher) { %><dc:publisher><%= o.publisher %></dc:publisher>
<% } %><% if (o.rights) { %><dc:rights><%= o.rights %></dc:rights>
<% } %><% if (o.paginationSource) { %><dc:source id="pagination-source"><%= o.paginationSource %></dc:source>
<meta refines="#pagination-source" property="source-of">pagination</meta>
<% } %><meta property="dcterms:modified"><%= o.modified %></meta>
<% o.accessibility.forEach(function (m) { %><meta property="schema:<%= m.property %>"><%= m.value %></meta>
<% }) %>
<% if (o.coverImage) { %><meta name="cover" content="<%= o.coverImage %>"/>
<% } %></metadata>
<manifest>
<% o.manifest.forEach(function (item) { %><item id="<%= item.id %>" href="<%= item.href %>" media-type="<%= item.mediaType %>"<% if (item.properties) { %> properties="<%= item.properties %>"<% } %>/>
<% }) %></manifest>
<spine toc="ncx">
<% o.spine.forEach(function (item) { %><itemref idref="<%= item.idref %>"<% if (!item.linear) { %> linear="no"<% } %>/>
<% }) %></spine>
</package>
`;

/** EPUB 2 table of contents, still read by older readers and Kindle conversion. */
export const tocNCX = `<?xml version="1.0" encoding="UTF-8"?>
<% const o = octavo; %><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="<%= o.lang %>">
<head>
<meta name="dtb:uid" content="<%= o.identifier %>"/>
<meta name="dtb:depth" content="<%= o.tocDepth %>"/>
<meta name="dtb:totalPageCount" content="<%= o.pageList.length %>"/>
<meta name="dtb:maxPageNumber" content="<%= o.pageList.length %>"/>
</head>
<docTitle><text><%= o.title %></text></docTitle>
<% o.creators.forEach(function (name) { %><docAuthor><text><%= name %></text></docAuthor>
<% }) %><navMap>
<% function points(entries, indent) { entries.forEach(function (e) { %><%= indent %><navPoint id="nav-<%= e.order %>" playOrder="<%= e.order %>"><navLabel><text><%= e.title %></text></navLabel><content src="<%= e.href %>"/>
<% points(e.children, indent + '  '); %><%= indent %></navPoint>
<% }) } points(o.toc, ''); %></navMap>
<% if (o.pageList.length) { %><pageList>
<navLabel><text><%= o.labels.pages %></text></navLabel>
<% o.pageList.forEach(function (p) { %><pageTarget id="page-<%= p.label %>" type="normal" value="<%= p.label %>" playOrder="<%= p.order %>"><navLabel><text><%= p.label %></text></navLabel><content src="<%= p.href %>"/></pageTarget>
<% }) %></pageList>
<% } %></ncx>
`;

/** EPUB 3 navigation document: nested TOC and landmarks. */
export const tocXHTML = `<% const o = octavo; %><%- o.navHead %>
<body>
<nav epub:type="toc" id="toc" role="doc-toc">
<h1><%= o.labels.contents %></h1>
<% function list(entries, indent) { %><%= indent %><ol>
<% entries.forEach(function (e) { %><%= indent %><li><a href="<%= e.href %>"><%= e.title %></a><% if (e.children.length) { %>
<% list(e.children, indent + '  '); %><%= indent %><% } %></li>
<% }) %><%= indent %></ol>
<% } list(o.toc, ''); %></nav>
<nav epub:type="landmarks" id="landmarks" hidden="hidden">
<h2><%= o.labels.landmarks %></h2>
<ol>
<% o.landmarks.forEach(function (l) { %><li><a epub:type="<%= l.type %>" href="<%= l.href %>"><%= l.label %></a></li>
<% }) %></ol>
</nav>
<% if (o.pageList.length) { %><nav epub:type="page-list" id="page-list" role="doc-pagelist" hidden="hidden">
<h2><%= o.labels.pages %></h2>
<ol>
<% o.pageList.forEach(function (p) { %><li><a href="<%= p.href %>"><%= p.label %></a></li>
<% }) %></ol>
</nav>
<% } %></body>
</html>
`;
