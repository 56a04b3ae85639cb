/**
 * Saves text as a file through a Blob link: works on any extension page without the downloads
 * permission, and the text never leaves the machine.
 */
export function downloadText(filename: string, text: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${mime};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The click has queued the download; revoking later lets slow browsers finish reading the blob.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
