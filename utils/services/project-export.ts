/**
 * A project exported as a draft (issue #17): a Markdown file, a Word document, or rich text on the
 * clipboard, in the citation style the user picks. The citation engine, the styles and `docx` are
 * imported here on demand, so the side panel loads none of them until an export is asked for, and
 * `docx` only for a Word document.
 */
import { getSettings } from '../db/repo';
import { projectSources } from '../db/project-sources';
import type { VerbatimDb } from '../db/schema';
import type { QuoteCheck } from '../domain/model';
import type { Draft } from '../export/project-draft';
import { download } from '../platform/download';
import { t, uiLanguage } from '../platform/i18n';

export type ProjectFileKind = 'markdown' | 'docx';

/** Thrown when the project was deleted (here or by sync) before its export was asked for. */
export class ProjectGoneError extends Error {
  constructor() {
    super('project gone');
    this.name = 'ProjectGoneError';
  }
}

const CHECKED: Record<QuoteCheck['outcome'], string> = {
  same: 'projectExportCheckedSame',
  reworded: 'projectExportCheckedReworded',
  gone: 'projectExportCheckedGone',
};

/** The project as a draft in a style (the user's default when none or an unknown one is given). */
export async function projectDraftOf(db: VerbatimDb, projectId: string, styleId?: string): Promise<Draft> {
  const [sources, settings, { projectDraft }, { styleOf }, { LOCALE_XML }] = await Promise.all([
    projectSources(db, projectId),
    getSettings(db),
    import('../export/project-draft'),
    import('../citation/make'),
    import('../citation/styles'),
  ]);
  if (!sources) throw new ProjectGoneError();
  return projectDraft({
    ...sources,
    style: styleOf(styleId, settings),
    locales: { ...settings.userLocales, ...LOCALE_XML },
    lang: uiLanguage(),
    labels: {
      notes: t('projectExportNotes'),
      bibliography: t('projectExportBibliography'),
      checked: (outcome, date) => t(CHECKED[outcome], date),
    },
  });
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Downloads the project as a Markdown file or a Word document; resolves with the file's name. */
export async function downloadProject(db: VerbatimDb, projectId: string, kind: ProjectFileKind, styleId?: string): Promise<string> {
  const [draft, { safeFileName }] = await Promise.all([projectDraftOf(db, projectId, styleId), import('../export/markdown')]);
  const base = safeFileName(draft.title, t('projectExportUntitled'));
  if (kind === 'markdown') {
    const { draftToMarkdown } = await import('../export/project-markdown');
    const name = `${base}.md`;
    download(draftToMarkdown(draft), name, 'text/markdown;charset=utf-8');
    return name;
  }
  const { draftToDocx } = await import('../export/project-docx');
  const name = `${base}.docx`;
  download(await draftToDocx(draft), name, DOCX);
  return name;
}

/**
 * Puts the project on the clipboard as rich text (`text/html`) and as plain text, for a word
 * processor or a mail. The clipboard is written at once, in the user's click, with the draft to
 * come: a browser may refuse a write that comes later (Firefox, Safari). Rejects when the
 * clipboard refused or the draft could not be made.
 */
export async function copyProjectRichText(db: VerbatimDb, projectId: string, styleId?: string): Promise<void> {
  const rich = Promise.all([projectDraftOf(db, projectId, styleId), import('../export/project-html')]).then(([draft, { draftToHtml, draftToText }]) => ({
    html: draftToHtml(draft),
    text: draftToText(draft),
  }));
  const item = new ClipboardItem({
    'text/html': rich.then((r) => new Blob([r.html], { type: 'text/html' })),
    'text/plain': rich.then((r) => new Blob([r.text], { type: 'text/plain' })),
  });
  // The draft's own failure (a deleted project, a broken style) is the one to tell the user.
  await Promise.all([rich, navigator.clipboard.write([item])]);
}
