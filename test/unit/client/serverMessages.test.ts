import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { onChecked } from '../../../shared/signaling/serverMessages';

const peer = {
  peerId: 'p1',
  displayName: '高楼',
  role: 'classroom',
  handRaised: false,
  sources: [],
};

describe('a server message the client receives', () => {
  it('reaches its handler when it matches its schema, extra fields and all', () => {
    const socket = new EventEmitter();
    const handle = vi.fn();
    onChecked(socket, 'peerJoined', handle, vi.fn());
    socket.emit('peerJoined', { ...peer, fromANewerServer: 1 });
    expect(handle).toHaveBeenCalledWith({ ...peer, fromANewerServer: 1 });
  });

  it('is logged and dropped when it does not, without throwing', () => {
    const socket = new EventEmitter();
    const handle = vi.fn();
    const warn = vi.fn();
    onChecked(socket, 'peerJoined', handle, warn);
    expect(() => socket.emit('peerJoined', { ...peer, role: 'headmaster' })).not.toThrow();
    expect(() => socket.emit('peerJoined', null)).not.toThrow();
    expect(handle).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledWith('dropped a malformed peerJoined from the server', {
      field: '/role',
    });
  });

  it('that asks for an ack is refused at once, so the server closes its consumer', () => {
    const socket = new EventEmitter();
    const handle = vi.fn();
    const ack = vi.fn();
    onChecked(socket, 'newConsumer', handle, vi.fn());
    socket.emit('newConsumer', { consumerId: 'c1' }, ack);
    expect(handle).not.toHaveBeenCalled();
    expect(ack).toHaveBeenCalledWith({
      ok: false,
      error: expect.objectContaining({ code: 'invalid_payload' }),
    });
  });

  it('whose handler throws does not take the client down', () => {
    const socket = new EventEmitter();
    const warn = vi.fn();
    onChecked(
      socket,
      'stageChanged',
      () => {
        throw new Error('screen bug');
      },
      warn,
    );
    expect(() => socket.emit('stageChanged', { peerId: null })).not.toThrow();
    expect(warn).toHaveBeenCalledWith('handling stageChanged failed', expect.anything());
  });
});

describe('a research message the minutes client receives', () => {
  it('is dropped when malformed', async () => {
    const { listenChecked } = await import('../../../shared/checkedListener');
    const { minutesServerMessages } = await import('../../../shared/research');
    const socket = new EventEmitter();
    const handle = vi.fn();
    const warn = vi.fn();
    listenChecked(minutesServerMessages['minutes:update'], socket, 'minutes:update', handle, warn);
    socket.emit('minutes:update', { occurrenceId: 'o1', update: 42 });
    socket.emit('minutes:update', { occurrenceId: 'o1', update: 'AAE=' });
    expect(handle).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith('dropped a malformed minutes:update from the server', {
      field: '/update',
    });
  });
});
