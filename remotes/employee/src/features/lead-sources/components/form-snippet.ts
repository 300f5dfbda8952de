/** The copy-paste HTML form for a lead-source key: posts straight to the ingest API. */
export function formSnippet(origin: string, key: string): string {
  return `<form method="post" action="${origin}/api/v1/leads/ingest">
  <input type="hidden" name="api_key" value="${key}">
  <input type="hidden" name="_redirect" value="https://your-site.example/thanks">
  <label>Name <input name="name" required></label>
  <label>Email <input type="email" name="email"></label>
  <label>Phone <input type="tel" name="phone"></label>
  <button type="submit">Send</button>
</form>`;
}
