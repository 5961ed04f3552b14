import { PDFDocument } from 'pdf-lib';

export interface PdfMetadata {
  readonly title: string;
  readonly author: string;
  readonly subject: string;
  readonly keywords: readonly string[];
  /** BCP 47, e.g. zh-CN. */
  readonly lang: string;
  /** ISO date: creation and modification dates, so the same data gives the same PDF. */
  readonly date: string;
}

/**
 * Chromium writes only the title and its own dates; this sets the document information a library
 * catalogue reads, the language, and dates taken from the data, keeping the tags and outline.
 */
export async function setMetadata(pdf: Uint8Array, meta: PdfMetadata): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const date = new Date(`${meta.date}T00:00:00Z`);
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setKeywords([...meta.keywords]);
  doc.setLanguage(meta.lang);
  doc.setCreator('ets-brief');
  doc.setProducer('ets-brief (Chromium, pdf-lib)');
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false });
}
