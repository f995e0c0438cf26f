// `Kent: New Assessment`: a first document to try Kent on, in an untitled editor (nothing is
// written to disk until the analyst saves it). It has two findings on purpose, each with its fix.
import { window, workspace } from 'vscode';

export const NEW_ASSESSMENT = 'kent.newAssessment';

export const FIRST_ASSESSMENT = `// A Kent assessment: key judgments, the claims they rest on, the evidence and its sources.
// Kent checks it as you type; its findings are underlined and listed in the Problems panel.
assessment harbour: Will the harbour reopen before winter?
  date: 2025-09

judgment KJ1: The harbour will probably reopen before winter.
  likelihood: unlikely
  confidence: moderate
  because: C1, C2

claim C1: Repairs to the main pier finished in August.
  because: E1

claim C2: The dredging contract has been signed.

evidence E1: The port authority says the pier is repaired.
  source: port-notice
  quote: "repairs to the main pier are complete"

source port-notice: Port authority notice to mariners, 2025-08-28
  reliability: B
`;

export async function newAssessment(): Promise<void> {
  const doc = await workspace.openTextDocument({ language: 'kent', content: FIRST_ASSESSMENT });
  await window.showTextDocument(doc);
}
