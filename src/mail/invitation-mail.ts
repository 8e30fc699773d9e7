import { escapeHtml } from './escape-html.js';
import type { OrgkitMail } from './mailer.js';

export interface InvitationMailInput {
  mailId: string;
  to: string;
  organizationId: string;
  organizationName: string;
  invitationId: string;
  role: string;
  acceptUrl: string;
  expiresAt: Date;
}

export function renderInvitationMail(input: InvitationMailInput): OrgkitMail {
  const subject = `You are invited to join ${input.organizationName}`;
  const expires = input.expiresAt.toISOString();
  const text = [
    `You have been invited to join ${input.organizationName} as ${input.role}.`,
    '',
    `Accept the invitation: ${input.acceptUrl}`,
    '',
    `The link works once and expires at ${expires}.`,
  ].join('\n');
  const html = [
    `<p>You have been invited to join <strong>${escapeHtml(input.organizationName)}</strong> as ${escapeHtml(input.role)}.</p>`,
    `<p><a href="${escapeHtml(input.acceptUrl)}">Accept the invitation</a></p>`,
    `<p>The link works once and expires at ${expires}.</p>`,
  ].join('\n');
  return {
    id: input.mailId,
    kind: 'invitation',
    to: input.to,
    subject,
    text,
    html,
    acceptUrl: input.acceptUrl,
    organizationId: input.organizationId,
    invitationId: input.invitationId,
  };
}
