/**
 * The judge: the `mailpit-api` npm package, unchanged, against Mailnest. Every method that
 * concerns stored mail is called and its answer checked against what was sent.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { MailpitClient } from 'mailpit-api';
import type { Mailnest } from '../../src/index.ts';
import { startNest as startTestServer } from '../helpers/test-server.ts';
import { PNG, plainMail, richMail, send } from './fixtures.ts';

describe('mailpit-api MailpitClient against Mailnest', () => {
  let nest: Mailnest;
  let mailpit: MailpitClient;
  let plainId: string;
  let richId: string;
  before(async () => {
    nest = await startTestServer();
    mailpit = new MailpitClient(nest.url);
    plainId = await send(nest, plainMail);
    richId = await send(nest, richMail);
  });

  it('getInfo', async () => {
    const info = await mailpit.getInfo();
    assert.equal(info.Messages, 2);
    assert.equal(info.Unread, 2);
    assert.equal(info.RuntimeStats.SMTPAccepted, 2);
    assert.equal(typeof info.Version, 'string');
  });

  it('getConfiguration', async () => {
    const config = await mailpit.getConfiguration();
    assert.equal(config.MessageRelay.Enabled, false);
    assert.equal(config.SpamAssassin, false);
  });

  it('listMessages', async () => {
    const list = await mailpit.listMessages();
    assert.equal(list.total, 2);
    assert.equal(list.messages_count, 2);
    assert.deepEqual(list.messages.map((m) => m.ID), [richId, plainId]);
    assert.equal(list.messages[1]!.Subject, 'Hello Bob');
    const page = await mailpit.listMessages(1, 1);
    assert.deepEqual(page.messages.map((m) => m.ID), [plainId]);
  });

  it('searchMessages', async () => {
    const result = await mailpit.searchMessages({ query: 'from:carol@example.test' });
    assert.equal(result.messages_count, 1);
    assert.equal(result.messages[0]!.ID, richId);
    assert.equal(result.messages[0]!.Attachments, 1);
  });

  it('getMessageSummary (and latest by default)', async () => {
    const latest = await mailpit.getMessageSummary();
    assert.equal(latest.ID, richId);
    assert.equal(latest.Subject, 'Invoice 42');
    assert.deepEqual(latest.To.map((a) => a.Address), ['dave@example.test', 'erin@example.test']);
    assert.equal(latest.Attachments[0]!.FileName, 'invoice 42.pdf');
    const plain = await mailpit.getMessageSummary(plainId);
    assert.equal(plain.Text.trim(), 'Plain text body for Bob.');
  });

  it('getMessageHeaders', async () => {
    const headers = await mailpit.getMessageHeaders(plainId);
    assert.deepEqual(headers['Subject'], ['Hello Bob']);
    assert.deepEqual(headers['From'], ['Alice <alice@example.test>']);
  });

  it('getMessageAttachment', async () => {
    const message = await mailpit.getMessageSummary(richId);
    const blob = await mailpit.getMessageAttachment(richId, message.Attachments[0]!.PartID);
    assert.equal(blob.type, 'application/pdf');
    const bytes = Buffer.from(await blob.arrayBuffer());
    assert.equal(bytes.toString(), '%PDF-1.4 fake pdf');
    assert.equal(createHash('sha1').update(bytes).digest('hex'), message.Attachments[0]!.Checksums.SHA1);
  });

  it('getAttachmentThumbnail', async () => {
    const message = await mailpit.getMessageSummary(richId);
    const image = await mailpit.getAttachmentThumbnail(richId, message.Inline[0]!.PartID);
    assert.deepEqual(Buffer.from(await image.arrayBuffer()), PNG);
    const blank = await mailpit.getAttachmentThumbnail(richId, message.Attachments[0]!.PartID);
    assert.equal(blank.type, 'image/jpeg');
  });

  it('getMessageSource', async () => {
    const source = await mailpit.getMessageSource(plainId);
    assert.equal(source, (await nest.store.raw(plainId)).toString('utf8'));
    assert.match(source, /Subject: Hello Bob/);
  });

  it('renderMessageHTML and renderMessageText', async () => {
    const html = await mailpit.renderMessageHTML(richId);
    assert.match(html, /<b>invoice<\/b>/);
    const embedded = await mailpit.renderMessageHTML(richId, 1);
    assert.match(embedded, /target="_blank"/);
    const text = await mailpit.renderMessageText(plainId);
    assert.equal(text.trim(), 'Plain text body for Bob.');
    await assert.rejects(mailpit.renderMessageHTML(plainId), /404/);
  });

  it('setReadStatus (IDs, Search, all)', async () => {
    assert.equal(await mailpit.setReadStatus({ IDs: [plainId], Read: false }), 'ok');
    assert.equal(nest.store.get(plainId)!.read, false);
    assert.equal(await mailpit.setReadStatus({ Search: 'subject:"Hello Bob"', Read: true }), 'ok');
    assert.equal(nest.store.get(plainId)!.read, true);
    assert.equal(await mailpit.setReadStatus(), 'ok');
    assert.equal(nest.store.stats().unread, 2);
    assert.equal(await mailpit.setReadStatus({ Read: true }), 'ok');
    assert.equal(nest.store.stats().unread, 0);
  });

  it('getTags, setTags, renameTag, deleteTag', async () => {
    assert.deepEqual(await mailpit.getTags(), ['billing', 'urgent']);
    assert.equal(await mailpit.setTags({ IDs: [plainId], Tags: ['Tag A', 'Tag B'] }), 'ok');
    assert.deepEqual(await mailpit.getTags(), ['billing', 'Tag A', 'Tag B', 'urgent']);
    assert.equal(await mailpit.renameTag('Tag A', 'Tag Z'), 'ok');
    assert.deepEqual(nest.store.get(plainId)!.tags, ['Tag Z', 'Tag B']);
    assert.equal(await mailpit.deleteTag('Tag B'), 'ok');
    assert.deepEqual(nest.store.get(plainId)!.tags, ['Tag Z']);
    assert.equal(await mailpit.setTags({ IDs: [plainId] }), 'ok');
    assert.deepEqual(nest.store.get(plainId)!.tags, []);
  });

  it('waitForMessage finds a message sent while it waits', async () => {
    const waiting = mailpit.waitForMessage({ query: 'subject:"Late arrival"' }, { timeout: 5000, interval: 50 });
    const id = await send(nest, { ...plainMail, subject: 'Late arrival', messageId: undefined });
    const found = await waiting;
    assert.equal(found.ID, id);
    assert.equal(found.Subject, 'Late arrival');
  });

  it('waitForMessages counts matches', async () => {
    const result = await mailpit.waitForMessages({ query: 'from:alice@example.test', count: 2 }, { timeout: 2000, interval: 50 });
    assert.equal(result.messages_count, 2);
    const all = await mailpit.waitForMessages({ count: 3, exact: true }, { timeout: 2000, interval: 50 });
    assert.equal(all.total, 3);
  });

  it('deleteMessagesBySearch', async () => {
    assert.equal(await mailpit.deleteMessagesBySearch({ query: 'subject:"Late arrival"' }), 'ok');
    assert.equal(nest.store.stats().total, 2);
  });

  it('deleteMessages (IDs, then all)', async () => {
    assert.equal(await mailpit.deleteMessages({ IDs: [plainId] }), 'ok');
    assert.equal(nest.store.get(plainId), undefined);
    assert.equal(await mailpit.deleteMessages(), 'ok');
    assert.equal(nest.store.stats().total, 0);
    await assert.rejects(mailpit.getMessageSummary(), /404/);
  });

  it('the feature-gated methods fail with a clear 4xx rather than a 500', async () => {
    await send(nest, richMail);
    await assert.rejects(mailpit.getChaosTriggers(), /400 Bad Request.*Chaos is not enabled/);
    await assert.rejects(mailpit.setChaosTriggers(), /400 Bad Request/);
    await assert.rejects(mailpit.htmlCheck(), /400 Bad Request/);
    await assert.rejects(mailpit.linkCheck(), /400 Bad Request/);
    await assert.rejects(mailpit.spamAssassinCheck(), /404 Not Found/);
    await assert.rejects(mailpit.releaseMessage('latest', { To: ['x@example.test'] }), /400 Bad Request/);
    await assert.rejects(mailpit.sendMessage({ From: { Email: 'a@example.test' }, To: [{ Email: 'b@example.test' }], Subject: 'x' }), /400 Bad Request/);
  });
});
