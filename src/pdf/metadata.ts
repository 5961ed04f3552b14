import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } from 'pdf-lib';

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
  doc.setTitle(metadataText(meta.title), { showInWindowTitleBar: true });
  doc.setAuthor(metadataText(meta.author));
  doc.setSubject(metadataText(meta.subject));
  doc.setKeywords(meta.keywords.map(metadataText));
  doc.setLanguage(meta.lang);
  doc.setCreator('ets-brief');
  doc.setProducer('ets-brief (Chromium, pdf-lib)');
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  renumberStructureIds(doc);
  undoubleOutlineTitles(doc);
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false });
}

/**
 * Text for the document information dictionary. pdf-lib writes it as UTF-16 hex strings, so no
 * character can end a string or inject a key; what remains is text a reader shows on one line:
 * control characters (NUL, line breaks, tabs) become spaces and a lone UTF-16 surrogate, which is
 * no character at all, becomes U+FFFD. Bidi controls, joiners and marks are text and stay.
 */
export function metadataText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/**
 * When `break-after: avoid` pushes a heading to the next page, Chromium builds its bookmark from
 * both fragments of the heading, so the title reads twice ("ResultsResults"). A title that is
 * exactly one string repeated is that quirk; it is written once.
 */
function undoubleOutlineTitles(doc: PDFDocument): void {
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  const walk = (ref: unknown) => {
    for (let node = ref; node instanceof PDFRef; ) {
      const item = doc.context.lookup(node, PDFDict);
      const title = item.get(PDFName.of('Title'));
      const text = title instanceof PDFString || title instanceof PDFHexString ? title.decodeText() : undefined;
      if (text && text.length % 2 === 0 && text.slice(0, text.length / 2) === text.slice(text.length / 2)) {
        item.set(PDFName.of('Title'), PDFHexString.fromText(text.slice(0, text.length / 2)));
      }
      walk(item.get(PDFName.of('First')));
      node = item.get(PDFName.of('Next'));
    }
  };
  if (outlines) walk(outlines.get(PDFName.of('First')));
}

/**
 * Chromium names tagged-structure elements after renderer node ids (node00000120), which change
 * with how pages happened to be printed side by side. Renumbering them in document order, and
 * rebuilding the id tree to match, makes the same data give the same PDF bytes.
 */
function renumberStructureIds(doc: PDFDocument): void {
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  if (!root) return;
  // Structure elements in document order (depth first through /K); those with an /ID apart.
  const all: PDFDict[] = [];
  const elements: { dict: PDFDict; ref: PDFRef }[] = [];
  const visit = (node: unknown) => {
    const dict = node instanceof PDFRef ? doc.context.lookup(node) : node;
    if (dict instanceof PDFArray) {
      for (let i = 0; i < dict.size(); i++) visit(dict.get(i));
      return;
    }
    if (!(dict instanceof PDFDict)) return;
    all.push(dict);
    if (node instanceof PDFRef && dict.get(PDFName.of('ID'))) elements.push({ dict, ref: node });
    const kids = dict.get(PDFName.of('K'));
    if (kids) visit(kids);
  };
  visit(root.get(PDFName.of('K')));
  if (elements.length === 0) return;
  const renamed = new Map<string, string>();
  elements.forEach(({ dict }, i) => {
    const old = dict.lookup(PDFName.of('ID'), PDFString).decodeText();
    const id = `e${String(i + 1).padStart(6, '0')}`;
    renamed.set(old, id);
    dict.set(PDFName.of('ID'), PDFString.of(id));
  });
  // Table cells name their header cells by id (/A << /O /Table /Headers [(id) ...] >>).
  for (const dict of all) {
    const attributes = dict.get(PDFName.of('A'));
    const list = attributes instanceof PDFArray ? attributes.asArray() : attributes ? [attributes] : [];
    for (const item of list) {
      const attr = item instanceof PDFRef ? doc.context.lookup(item) : item;
      if (!(attr instanceof PDFDict)) continue;
      const headers = attr.get(PDFName.of('Headers'));
      if (!(headers instanceof PDFArray)) continue;
      attr.set(
        PDFName.of('Headers'),
        doc.context.obj(
          headers.asArray().map((h) => {
            const text = h instanceof PDFString ? h.decodeText() : '';
            return PDFString.of(renamed.get(text) ?? text);
          }),
        ),
      );
    }
  }
  // Replace the id tree: drop its old nodes (pdf-lib writes every object it holds, referenced or
  // not), then write a flat name tree [(id) ref (id) ref ...], already in sorted order.
  const dropTree = (node: unknown) => {
    if (!(node instanceof PDFRef)) return;
    const dict = doc.context.lookup(node);
    if (dict instanceof PDFDict) {
      const kids = dict.get(PDFName.of('Kids'));
      if (kids instanceof PDFArray) kids.asArray().forEach(dropTree);
    }
    doc.context.delete(node);
  };
  dropTree(root.get(PDFName.of('IDTree')));
  const names = doc.context.obj(elements.flatMap(({ dict, ref }) => [dict.get(PDFName.of('ID'))!, ref]));
  root.set(PDFName.of('IDTree'), doc.context.obj({ Names: names }));
}
