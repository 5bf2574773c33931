import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../src/collectors/html-text.js';
import { decodeHtmlEntities } from '../../src/text/html-entities.js';

describe('htmlToText', () => {
  it.each([
    ['<p>Love the <b>new</b> app&nbsp;&#x1F600;</p><p>Line<br>two</p>', 'Love the new app 😀\n\nLine\ntwo'],
    ['<p>Hello <a href="https://x" class="mention">@<span>acme</span></a></p>', 'Hello @acme'],
    ['It&#39;s &quot;great&quot; &amp; cheap &lt;3', 'It\'s "great" & cheap <3'],
    ['&lt;b&gt;not a tag&lt;/b&gt;', '<b>not a tag</b>'],
    ['<script>alert(1)</script><style>p{}</style>text<!-- hidden -->', 'text'],
    ['<ul><li>one</li><li>two</li></ul>', 'one\n\ntwo'],
    ['  spaced\t\tout  <br/>  ', 'spaced out'],
    ['&unknown; &#0; &#xD800;', '&unknown; &#0; &#xD800;'],
    ['太好用了&#65281;&hellip;', '太好用了！…'],
    ['', ''],
  ])('%j → %j', (html, text) => {
    expect(htmlToText(html)).toBe(text);
  });

  it('decodes decimal, hex and named entities', () => {
    expect(decodeHtmlEntities('&#22909; &#x597d; &eacute; &AMP;')).toBe('好 好 é &');
  });
});
