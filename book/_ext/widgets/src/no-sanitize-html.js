// Stands in for sanitize-html (which pulls in postcss and htmlparser2, 230 kB):
// the embed manager shows HTML descriptions as text, so nothing is parsed.
export default function sanitize(source) {
  const element = document.createElement('div');
  element.textContent = String(source);
  return element.innerHTML;
}
