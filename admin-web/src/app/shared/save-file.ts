/**
 * Hands text to the browser as a file download. The console's requests carry
 * the access token only it holds, so a plain link to the API could not
 * authenticate: the answer is fetched first, then saved from memory.
 */
export function saveFile(document: Document, fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // After the click has handed the file over; revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url));
}
