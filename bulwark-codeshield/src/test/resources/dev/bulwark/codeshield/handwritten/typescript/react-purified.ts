// expect: secure
import DOMPurify from 'dompurify';

export function Article({ html }: { html: string }) {
  const safe = DOMPurify.sanitize(html);
  return <article dangerouslySetInnerHTML={{ __html: safe }} />;
}
