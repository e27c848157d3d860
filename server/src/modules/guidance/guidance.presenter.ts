import type { KeptSelfcheckReport, KeptSelfcheckSummary, Policy, PolicySummary, Qa } from '@hexie/core';
import type { PolicyRow, QaRow, ReportRow } from './guidance.repository.js';

export function presentPolicy(r: PolicyRow): Policy {
  return {
    id: r.id,
    title: r.title,
    issuer: r.issuer,
    docNumber: r.doc_number,
    level: r.level,
    issuedOn: r.issued_on,
    effectiveOn: r.effective_on,
    status: r.status,
    summary: r.summary,
    body: r.body,
    tags: r.tags,
    published: r.published,
    version: r.version,
    updatedAt: r.updated_at.toISOString(),
  };
}

/** A list row: the body stays on the server. */
export function presentPolicySummary(r: PolicyRow): PolicySummary {
  const { body: _body, ...rest } = presentPolicy(r);
  return rest;
}

export function presentQa(r: QaRow): Qa {
  return {
    id: r.id,
    question: r.question,
    answer: r.answer,
    tags: r.tags,
    policies: r.policies,
    published: r.published,
    version: r.version,
    updatedAt: r.updated_at.toISOString(),
  };
}

export function presentReport(r: ReportRow): KeptSelfcheckReport {
  return { id: r.id, createdAt: r.created_at.toISOString(), answers: r.answers, report: r.report };
}

export function presentReportSummary(r: ReportRow): KeptSelfcheckSummary {
  return {
    id: r.id,
    createdAt: r.created_at.toISOString(),
    score: r.report.score,
    grade: r.report.grade,
    gradeLabel: r.report.gradeLabel,
    counts: r.report.counts,
  };
}
