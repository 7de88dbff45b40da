/**
 * Saves data as a file the way a web page does: a Blob URL and an `<a download>` click. Needs no
 * `downloads` permission, and works from any extension page (Chrome and Firefox).
 */
export function download(data: string | Uint8Array | Blob, name: string, mime: string, doc: Document = document): void {
  const blob = data instanceof Blob ? data : new Blob([data as BlobPart], { type: mime });
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  link.hidden = true;
  doc.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    // The browser reads the Blob after the click returns; revoking at once can cancel the save
    // (Firefox). A minute is ample, and the page closing frees it anyway.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}
