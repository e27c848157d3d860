import { agreementDocument, CASE_STATUS_LABELS, canSeeCaseParties, maskIdNumber, maskMobile } from '@hexie/core';
import type { FastifyReply } from 'fastify';
import { audit } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { contentDisposition } from '../../platform/export/xlsx.js';
import { notFoundInScope } from '../../platform/scope-miss.js';
import { agreementDocx, DOCX_CONTENT_TYPE } from './agreement.docx.js';
import { agreementPdf, PDF_CONTENT_TYPE } from './agreement.pdf.js';
import * as repo from './mediation.repository.js';

/** The agreement's file formats: how each is made and sent. */
const FORMATS = {
  docx: { make: agreementDocx, contentType: DOCX_CONTENT_TYPE },
  pdf: { make: agreementPdf, contentType: PDF_CONTENT_TYPE },
} as const;
export type AgreementFormat = keyof typeof FORMATS;

/** A case's agreement as a file and its names. */
export interface AgreementFile {
  file: Buffer;
  contentType: string;
  /** 劳动争议调解协议书-<tracking code>.docx (or .pdf) */
  fileName: string;
  /** for clients that ignore filename* */
  asciiName: string;
}

/**
 * 调解协议书 as a Word file or a PDF with its Chinese font embedded (core's template, the same as the printable
 * page). The parties' ID and phone numbers
 * are in full for a role that may see them (core's `canSeeCaseParties`: the mediator prints it for the parties
 * to sign), masked for any other; either way the download is audited as an export of personal data.
 */
export async function agreementFile(
  ctx: ServiceContext,
  id: string,
  format: AgreementFormat = 'docx',
): Promise<AgreementFile> {
  const row = await repo.getCase(ctx.db, ctx.scope.codes, id);
  if (!row) throw await notFoundInScope(ctx, 'mediation_case', id);
  if (!row.agreement) {
    throw new AppError('no_agreement', { params: { status: CASE_STATUS_LABELS[row.status][ctx.lang] } });
  }
  const unmasked = canSeeCaseParties(ctx.actor.role);
  const doc = agreementDocument({
    trackingCode: row.tracking_code,
    orgName: row.org_name,
    applicant: {
      name: row.applicant_name,
      idNumber: unmasked ? row.applicant_id_number : maskIdNumber(row.applicant_id_number),
      phone: unmasked ? row.applicant_phone : maskMobile(row.applicant_phone),
    },
    respondent: { name: row.respondent_name, creditCode: row.respondent_credit_code },
    disputeTypes: row.dispute_types,
    claimAmount: row.claim_amount === null ? null : Number(row.claim_amount),
    receivedOn: row.received_on,
    facts: row.facts,
    agreement: row.agreement,
  });
  const file = await FORMATS[format].make(doc);
  // Written once the file exists and before a byte is sent: every copy that leaves has its record.
  await audit(ctx.db, ctx, {
    action: 'mediation_case.agreement_export',
    entityType: 'mediation_case',
    entityId: id,
    regionCode: row.region_code,
    result: 'success',
    details: {
      format,
      trackingCode: row.tracking_code,
      unmasked,
      ...(unmasked ? { revealed: ['applicant.idNumber', 'applicant.phone'] } : {}),
    },
  });
  return {
    file,
    contentType: FORMATS[format].contentType,
    fileName: `劳动争议调解协议书-${row.tracking_code}.${format}`,
    asciiName: `mediation-agreement-${row.tracking_code}.${format}`,
  };
}

/** The download: the Chinese name in filename* (RFC 5987), never cached (it holds personal data). */
export async function sendAgreement(
  ctx: ServiceContext,
  reply: FastifyReply,
  id: string,
  format: AgreementFormat,
): Promise<FastifyReply> {
  const { file, contentType, fileName, asciiName } = await agreementFile(ctx, id, format);
  return reply
    .header('content-type', contentType)
    .header('content-disposition', contentDisposition(fileName, asciiName))
    .header('cache-control', 'no-store')
    .send(file);
}
