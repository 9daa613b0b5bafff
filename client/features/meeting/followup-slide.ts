/**
 * The agenda's follow-up slide (督办, server/domain/agenda.ts `followupSlide`): its view carries fu=1
 * and its notes list the items still open, one per line ("1. 【县】事项（责任单位…；期限…，已超期N天）最新进展…").
 */
export interface FollowupLine {
  text: string;
  overdue: boolean;
}

/** The lines of a follow-up slide, numbering removed; null for any other slide. */
export function followupLines(slide: { view: string; notes: string }): FollowupLine[] | null {
  if (new URLSearchParams(slide.view).get('fu') !== '1' || slide.notes.trim() === '') return null;
  return slide.notes
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => ({ text: l.replace(/^\d+\.\s*/, ''), overdue: /已超期/.test(l) }));
}
