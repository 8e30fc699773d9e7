import { escapeHtml } from './escape-html.js';
import type { OrgkitMail } from './mailer.js';

/** To the new address: the link that proves the address is the user's. */
export function renderEmailChangeMail(input: {
  mailId: string;
  userId: string;
  to: string;
  fullName: string;
  confirmUrl: string;
  expiresAt: Date;
}): OrgkitMail {
  const expires = input.expiresAt.toISOString();
  const text = [
    `Hello ${input.fullName},`,
    '',
    `Confirm that ${input.to} is your new email address: ${input.confirmUrl}`,
    '',
    `The link works once and expires at ${expires}. If you did not ask for this change, ignore this mail: nothing changes until the link is opened.`,
  ].join('\n');
  const html = [
    `<p>Hello ${escapeHtml(input.fullName)},</p>`,
    `<p><a href="${escapeHtml(input.confirmUrl)}">Confirm that ${escapeHtml(input.to)} is your new email address</a></p>`,
    `<p>The link works once and expires at ${expires}. If you did not ask for this change, ignore this mail: nothing changes until the link is opened.</p>`,
  ].join('\n');
  return {
    id: input.mailId,
    kind: 'email-change',
    to: input.to,
    subject: 'Confirm your new email address',
    text,
    html,
    confirmUrl: input.confirmUrl,
    userId: input.userId,
  };
}

/** To the old address, once the change is confirmed: the owner learns of it either way. */
export function renderEmailChangedMail(input: {
  mailId: string;
  userId: string;
  to: string;
  fullName: string;
  newEmail: string;
}): OrgkitMail {
  const text = [
    `Hello ${input.fullName},`,
    '',
    `The email address of your account was changed from ${input.to} to ${input.newEmail}.`,
    'If you did not make this change, contact an administrator of your organization.',
  ].join('\n');
  const html = [
    `<p>Hello ${escapeHtml(input.fullName)},</p>`,
    `<p>The email address of your account was changed from ${escapeHtml(input.to)} to ${escapeHtml(input.newEmail)}.</p>`,
    '<p>If you did not make this change, contact an administrator of your organization.</p>',
  ].join('\n');
  return {
    id: input.mailId,
    kind: 'email-changed',
    to: input.to,
    subject: 'Your email address was changed',
    text,
    html,
    newEmail: input.newEmail,
    userId: input.userId,
  };
}
