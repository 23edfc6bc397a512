import { describe, expect, it } from 'vitest';
import { formatServerSentComment, formatServerSentEvent } from './server-sent-events';

describe('formatServerSentEvent', () => {
  it('writes id, event and data fields ending with a blank line', () => {
    expect(formatServerSentEvent({ id: '42', event: 'request.updated', data: '{"a":1}' })).toBe(
      'id: 42\nevent: request.updated\ndata: {"a":1}\n\n',
    );
  });

  it('splits multi-line data into several data fields', () => {
    expect(formatServerSentEvent({ data: 'one\ntwo\r\nthree' })).toBe(
      'data: one\ndata: two\ndata: three\n\n',
    );
  });

  it('cannot be tricked into starting a new field by a line break in id or event', () => {
    expect(formatServerSentEvent({ id: '1\ndata: evil', event: 'x\r\ny', data: '' })).toBe(
      'id: 1 data: evil\nevent: x y\ndata: \n\n',
    );
  });
});

describe('formatServerSentComment', () => {
  it('writes a comment line', () => {
    expect(formatServerSentComment('heartbeat')).toBe(': heartbeat\n\n');
  });
});
