/**
 * The OpenAPI 3.0 description served at `{webroot}api/v1/openapi.json`: the Mailpit API v1 routes
 * Mailnest serves (same shapes, so Mailpit's documentation applies) plus Mailnest's own
 * `/api/v1/wait`. Kept as data; the shapes mirror ./shapes.ts and ../shared/mailpit-api.md.
 */
import { version } from '../version.ts';
import { WAIT_DEFAULT_TIMEOUT, WAIT_MAX_COUNT, WAIT_MAX_TIMEOUT } from './wait.ts';

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const str: Schema = { type: 'string' };
const int: Schema = { type: 'integer' };
const bool: Schema = { type: 'boolean' };
const arrayOf = (items: Schema): Schema => ({ type: 'array', items });
const nullable = (schema: Schema): Schema => ({ ...schema, nullable: true });
const object = (properties: Record<string, Schema>, required = Object.keys(properties)): Schema => ({ type: 'object', properties, required });

const json = (schema: Schema, description: string) => ({ description, content: { 'application/json': { schema } } });
const text = (description: string, example = 'ok') => ({ description, content: { 'text/plain': { schema: { ...str, example } } } });

const errors = {
  '400': text('Bad request: the reason, as plain text', 'invalid request'),
};
const notFound = { '404': text('No such message', '404 page not found') };

const idParam = { name: 'ID', in: 'path', required: true, description: 'Message ID (22 base62 characters) or `latest` (honours `query` and `tz`)', schema: str };
const queryParam = (required: boolean, description = 'Mailpit search query (free text, from:, to:, cc:, bcc:, subject:, message-id:, tag:, is:read|unread|tagged, has:attachment, larger:, smaller:, before:, after:, quoted phrases, -/! negation)') => ({ name: 'query', in: 'query', required, description, schema: str });
const tzParam = { name: 'tz', in: 'query', required: false, description: 'Time zone for before:/after: (e.g. Europe/Berlin)', schema: str };
const pageParams = [
  { name: 'start', in: 'query', required: false, description: 'Offset (default 0)', schema: int },
  { name: 'limit', in: 'query', required: false, description: 'Page size (default 50; 0 = no limit)', schema: int },
];
const idsBody = (extra: Record<string, Schema>, required: string[]) => ({
  required: false,
  content: { 'application/json': { schema: object({ IDs: arrayOf(str), ...extra }, required) } },
});

const schemas: Record<string, Schema> = {
  Address: object({ Name: str, Address: str }),
  MessageSummary: object({
    ID: str,
    MessageID: str,
    Read: bool,
    From: ref('Address'),
    To: nullable(arrayOf(ref('Address'))),
    Cc: nullable(arrayOf(ref('Address'))),
    Bcc: nullable(arrayOf(ref('Address'))),
    ReplyTo: nullable(arrayOf(ref('Address'))),
    Subject: str,
    Created: { ...str, format: 'date-time' },
    Username: str,
    Tags: arrayOf(str),
    Size: int,
    Attachments: { ...int, description: 'Attachment count' },
    Snippet: str,
  }),
  MessagesSummary: object({
    total: { ...int, description: 'Messages in the mailbox' },
    unread: { ...int, description: 'Unread messages in the mailbox' },
    count: { ...int, description: 'Messages in this page (legacy)' },
    messages_count: { ...int, description: 'Messages matching (all of them for /messages)' },
    messages_unread: { ...int, description: 'Unread messages matching' },
    start: int,
    tags: arrayOf(str),
    messages: arrayOf(ref('MessageSummary')),
  }),
  Attachment: object({
    PartID: str,
    FileName: str,
    ContentType: str,
    ContentID: str,
    Size: int,
    Checksums: object({ MD5: str, SHA1: str, SHA256: str }),
  }),
  Message: object({
    ID: str,
    MessageID: str,
    From: ref('Address'),
    To: arrayOf(ref('Address')),
    Cc: arrayOf(ref('Address')),
    Bcc: arrayOf(ref('Address')),
    ReplyTo: arrayOf(ref('Address')),
    ReturnPath: str,
    Subject: str,
    ListUnsubscribe: object({ Header: str, Links: arrayOf(str), Errors: str, HeaderPost: str }),
    Date: { ...str, format: 'date-time' },
    Tags: arrayOf(str),
    Username: str,
    Text: str,
    HTML: str,
    Size: int,
    Inline: arrayOf(ref('Attachment')),
    Attachments: arrayOf(ref('Attachment')),
  }),
  Headers: { type: 'object', additionalProperties: arrayOf(str), description: 'Header names (canonical, as Go prints them) to their values' },
  Info: object({
    Version: str,
    LatestVersion: str,
    Database: str,
    DatabaseSize: int,
    Messages: int,
    Unread: int,
    Tags: { type: 'object', additionalProperties: int },
    RuntimeStats: object({ Uptime: int, Memory: int, MessagesDeleted: int, SMTPAccepted: int, SMTPAcceptedSize: int, SMTPRejected: int, SMTPIgnored: int }),
  }),
  WebUIConfiguration: { type: 'object', description: 'Label, MessageRelay, SpamAssassin, ChaosEnabled, DuplicatesIgnored, HideDeleteAllButton (as Mailpit)' },
  JSONError: object({ Error: str }),
  EventFrame: object({ Type: { type: 'string', enum: ['new', 'stats', 'update', 'delete', 'prune', 'truncate', 'error'] }, Data: { nullable: true } }),
};

const messageTag = ['message'];

export const openapiDocument = {
  openapi: '3.0.3',
  info: {
    title: 'Mailnest API',
    version,
    description:
      "Mailnest answers Mailpit's API v1 with Mailpit's shapes (see https://mailpit.axllent.org/docs/api-v1/), so Mailpit's clients work unchanged. " +
      'Success is always 200; JSON bodies end with a newline; mutations answer text/plain `ok`; Mailpit routes answer errors as plain text. ' +
      "Mailnest's own additions (`/api/v1/wait`, this document) answer errors as JSON `{\"Error\":\"…\"}`. " +
      'With --ui-auth-file every route needs HTTP Basic auth.',
  },
  // Relative to this document ({webroot}api/v1/openapi.json), so it holds under any webroot.
  servers: [{ url: '../..' }],
  components: {
    schemas,
    securitySchemes: { basicAuth: { type: 'http', scheme: 'basic', description: 'Only when Mailnest runs with --ui-auth-file' } },
  },
  security: [{}, { basicAuth: [] }],
  paths: {
    '/api/v1/messages': {
      get: {
        tags: ['messages'],
        summary: 'List messages, newest first',
        parameters: [...pageParams, { name: 'before', in: 'query', required: false, description: 'Only messages received before this date', schema: str }],
        responses: { '200': json(ref('MessagesSummary'), 'A page of messages') },
      },
      put: {
        tags: ['messages'],
        summary: 'Mark messages read or unread',
        description: 'Body `{"IDs":[…],"Read":bool}` or `{"Search":"…","Read":bool}`; no IDs and no Search marks every message.',
        parameters: [tzParam],
        requestBody: { required: true, content: { 'application/json': { schema: object({ IDs: arrayOf(str), Read: bool, Search: str }, ['Read']) } } },
        responses: { '200': text('Done'), ...errors },
      },
      delete: {
        tags: ['messages'],
        summary: 'Delete messages',
        description: 'Body `{"IDs":[…]}`. **An empty or missing body, or an empty IDs list, deletes every message** (as Mailpit).',
        requestBody: idsBody({}, []),
        responses: { '200': text('Done'), ...errors },
      },
    },
    '/api/v1/search': {
      get: {
        tags: ['messages'],
        summary: 'Search messages, newest first',
        parameters: [queryParam(true), ...pageParams, tzParam],
        responses: { '200': json(ref('MessagesSummary'), 'Matching messages'), '400': text('No or invalid query', 'Error: no search query') },
      },
      delete: {
        tags: ['messages'],
        summary: 'Delete every message matching a search',
        parameters: [queryParam(true), tzParam],
        responses: { '200': text('Done'), ...errors },
      },
    },
    '/api/v1/wait': {
      get: {
        tags: ['mailnest'],
        summary: 'Wait until messages match a search (Mailnest long poll)',
        description:
          'Answers as soon as at least `count` messages match `query`, counting messages stored before the request too, ' +
          'with the body `/api/v1/search?limit=count` would give (the newest `count` matches; `messages_count` counts all). ' +
          'Waiting has no side effect (nothing is marked read). An empty query matches every message. ' +
          'Answers 408 when `timeout` passes first; a client that disconnects stops the wait.',
        parameters: [
          queryParam(false),
          { name: 'count', in: 'query', required: false, description: `How many matches to wait for (1 to ${WAIT_MAX_COUNT}, default 1)`, schema: { ...int, minimum: 1, maximum: WAIT_MAX_COUNT, default: 1 } },
          { name: 'timeout', in: 'query', required: false, description: `Milliseconds, or a duration such as 30s (default ${WAIT_DEFAULT_TIMEOUT / 1000}s, at most ${WAIT_MAX_TIMEOUT / 60_000}m)`, schema: str },
          tzParam,
        ],
        responses: {
          '200': json(ref('MessagesSummary'), 'Enough messages match'),
          '400': json(ref('JSONError'), 'A bad count, timeout or query'),
          '408': json(ref('JSONError'), 'Timed out; the error names what was waited for and how many matched'),
        },
      },
    },
    '/api/v1/message/{ID}': {
      get: {
        tags: messageTag,
        summary: 'A message in full. Marks it read, as Mailpit does',
        parameters: [idParam],
        responses: { '200': json(ref('Message'), 'The message'), ...notFound },
      },
    },
    '/api/v1/message/{ID}/headers': {
      get: { tags: messageTag, summary: "A message's headers", parameters: [idParam], responses: { '200': json(ref('Headers'), 'Headers'), ...notFound } },
    },
    '/api/v1/message/{ID}/part/{PartID}': {
      get: {
        tags: messageTag,
        summary: 'An attachment or inline part, decoded',
        parameters: [idParam, { name: 'PartID', in: 'path', required: true, schema: str }],
        responses: { '200': { description: 'The part, with its Content-Type', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } }, ...notFound },
      },
    },
    '/api/v1/message/{ID}/part/{PartID}/thumb': {
      get: {
        tags: messageTag,
        summary: 'A 180×120 JPEG thumbnail of an image part (blank for other parts)',
        parameters: [idParam, { name: 'PartID', in: 'path', required: true, schema: str }],
        responses: { '200': { description: 'JPEG', content: { 'image/jpeg': { schema: { type: 'string', format: 'binary' } } } }, ...notFound },
      },
    },
    '/api/v1/message/{ID}/raw': {
      get: {
        tags: messageTag,
        summary: 'The raw source, byte for byte',
        parameters: [idParam, { name: 'dl', in: 'query', required: false, description: '1 to download as <ID>.eml', schema: str }],
        responses: { '200': text('The source', 'From: …'), ...notFound },
      },
    },
    '/api/v1/tags': {
      get: { tags: ['tags'], summary: 'Every tag in use, sorted', responses: { '200': json(arrayOf(str), 'Tags') } },
      put: {
        tags: ['tags'],
        summary: 'Replace the tags of messages (`[]` clears them)',
        requestBody: { required: true, content: { 'application/json': { schema: object({ IDs: arrayOf(str), Tags: arrayOf(str) }) } } },
        responses: { '200': text('Done'), ...errors },
      },
    },
    '/api/v1/tags/{Tag}': {
      put: {
        tags: ['tags'],
        summary: 'Rename a tag',
        parameters: [{ name: 'Tag', in: 'path', required: true, description: 'URL-encoded tag', schema: str }],
        requestBody: { required: true, content: { 'application/json': { schema: object({ Name: str }) } } },
        responses: { '200': text('Done'), ...errors },
      },
      delete: {
        tags: ['tags'],
        summary: 'Delete a tag from every message',
        parameters: [{ name: 'Tag', in: 'path', required: true, description: 'URL-encoded tag', schema: str }],
        responses: { '200': text('Done'), ...errors },
      },
    },
    '/api/v1/info': { get: { tags: ['application'], summary: 'Version, counts and runtime statistics', responses: { '200': json(ref('Info'), 'Info') } } },
    '/api/v1/webui': { get: { tags: ['application'], summary: 'Settings the web inbox reads', responses: { '200': json(ref('WebUIConfiguration'), 'Settings') } } },
    '/api/v1/openapi.json': { get: { tags: ['mailnest'], summary: 'This document', responses: { '200': { description: 'OpenAPI 3.0 document', content: { 'application/json': { schema: { type: 'object' } } } } } } },
    '/api/events': {
      get: {
        tags: ['events'],
        summary: 'WebSocket event stream (upgrade required)',
        description:
          'Frames `{"Type","Data"}`: `new` (Data: MessageSummary, address lists always arrays), `stats` ({Total,Unread,Version}), ' +
          '`update` ({ID,Read} or {ID,Tags}), `delete` ({ID}), `prune` and `truncate` (null). Send Basic auth in the Authorization header when enabled.',
        responses: { '101': { description: 'Switching protocols; frames follow', content: { 'application/json': { schema: ref('EventFrame') } } }, '400': text('Not a WebSocket request') },
      },
    },
    '/view/{ID}.html': {
      get: {
        tags: ['views'],
        summary: 'The HTML part, cid: images rewritten to part URLs',
        parameters: [idParam, { name: 'embed', in: 'query', required: false, description: '1 adds target="_blank" to links', schema: str }],
        responses: { '200': { description: 'HTML', content: { 'text/html': { schema: str } } }, ...notFound },
      },
    },
    '/view/{ID}.txt': {
      get: { tags: ['views'], summary: 'The text part', parameters: [idParam], responses: { '200': text('Text', ''), ...notFound } },
    },
    '/livez': { get: { tags: ['application'], summary: 'Liveness', responses: { '200': text('Alive (empty body)', '') } } },
    '/readyz': { get: { tags: ['application'], summary: 'Readiness', responses: { '200': text('Ready (empty body)', '') } } },
  },
} as const;
