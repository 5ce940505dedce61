// Schools' and classrooms' downlink budgets over REST on a running server: who may read
// and set them, a bad body named by its field, the round trip, null lifts a budget, and
// each change in the community's audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTongke, type TestServer } from '../../helpers/tongkeServer';
import {
  client,
  deviceTokenFor,
  fengze,
  ruian,
  seedWorld,
  tokenFor,
} from '../timetable/support/world';

const base = `/setup/communities/${ruian.id}`;

describe('downlink budgets on the set-up routes', () => {
  let server: TestServer;
  let coordinator: ReturnType<typeof client>;

  beforeAll(async () => {
    server = await startTongke();
    await seedWorld(server);
    coordinator = client(
      server,
      tokenFor(server, { role: 'coordinator', sub: 'u-coord', communityIds: [ruian.id] }),
    );
  });
  afterAll(() => server?.close());

  it('sets a school’s and a classroom’s budget, reads them back, and null lifts one', async () => {
    expect((await coordinator.get(`${base}/downlink-budgets`)).body).toEqual({
      schools: [],
      classrooms: [],
    });
    const school = await coordinator.put(`${base}/schools/sch-gaolou/downlink-budget`, {
      downlinkKbps: 2000,
    });
    expect(school.status).toBe(200);
    expect(school.body).toEqual({ target: 'school', id: 'sch-gaolou', downlinkKbps: 2000 });
    const room = await coordinator.put(`${base}/classrooms/room-gaolou-1/downlink-budget`, {
      downlinkKbps: 400,
    });
    expect(room.status).toBe(200);
    const read = (await coordinator.get(`${base}/downlink-budgets`)).body;
    expect(read.schools).toEqual([
      expect.objectContaining({ id: 'sch-gaolou', downlinkKbps: 2000, updatedBy: 'u-coord' }),
    ]);
    expect(read.classrooms).toEqual([
      expect.objectContaining({ id: 'room-gaolou-1', downlinkKbps: 400 }),
    ]);
    const lifted = await coordinator.put(`${base}/classrooms/room-gaolou-1/downlink-budget`, {
      downlinkKbps: null,
    });
    expect(lifted.body).toEqual({ target: 'classroom', id: 'room-gaolou-1', downlinkKbps: null });
    expect((await coordinator.get(`${base}/downlink-budgets`)).body.classrooms).toEqual([]);
  });

  it.each([
    [{ downlinkKbps: 199 }, 'body/downlinkKbps'],
    [{ downlinkKbps: 0 }, 'body/downlinkKbps'],
    [{ downlinkKbps: '' }, 'body/downlinkKbps'],
    [{ downlinkKbps: false }, 'body/downlinkKbps'],
    [{ downlinkKbps: 100_001 }, 'body/downlinkKbps'],
    [{ downlinkKbps: 500.5 }, 'body/downlinkKbps'],
    [{ downlinkKbps: 'lots' }, 'body/downlinkKbps'],
    [{}, 'body/downlinkKbps'],
  ])('refuses %j with 400 naming %s, and writes nothing', async (body, field) => {
    const res = await coordinator.put(`${base}/schools/sch-core/downlink-budget`, body);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_request');
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    const read = (await coordinator.get(`${base}/downlink-budgets`)).body;
    expect(read.schools.map((b: { id: string }) => b.id)).not.toContain('sch-core');
  });

  it('404 for a school or classroom not of the community', async () => {
    expect(
      (await coordinator.put(`${base}/schools/sch-fz/downlink-budget`, { downlinkKbps: 500 }))
        .status,
    ).toBe(404);
    expect(
      (await coordinator.put(`${base}/classrooms/room-fz-1/downlink-budget`, { downlinkKbps: 500 }))
        .status,
    ).toBe(404);
  });

  it('only the community’s coordinator and its district may read and set', async () => {
    const as = (principal: Parameters<typeof tokenFor>[1]) =>
      client(server, tokenFor(server, principal));
    const put = (c: ReturnType<typeof client>) =>
      c.put(`${base}/schools/sch-core/downlink-budget`, { downlinkKbps: 800 });
    const other = as({ role: 'coordinator', communityIds: [fengze.id] });
    expect((await put(other)).status).toBe(403);
    expect((await other.get(`${base}/downlink-budgets`)).status).toBe(403);
    for (const role of ['teacher', 'observer'] as const)
      expect((await put(as({ role, communityIds: [ruian.id] }))).status).toBe(403);
    const office = as({ role: 'school_office', communityIds: [ruian.id], schoolId: 'sch-core' });
    expect((await put(office)).status).toBe(403);
    const device = client(server, await deviceTokenFor(server, ruian.id, 'room-core-301'));
    expect((await put(device)).status).toBe(403);
    const otherDistrict = as({ role: 'district', district: fengze.district, communityIds: [] });
    expect((await put(otherDistrict)).status).toBe(403);
    const district = as({
      role: 'district',
      sub: 'u-jyj',
      district: ruian.district,
      communityIds: [],
    });
    expect((await put(district)).status).toBe(200);
    expect((await district.get(`${base}/downlink-budgets`)).body.schools).toContainEqual(
      expect.objectContaining({ id: 'sch-core', downlinkKbps: 800, updatedBy: 'u-jyj' }),
    );
  });

  it('each change is in the community’s audit log', async () => {
    const audit = (await coordinator.get(`/audit?communityId=${ruian.id}`)).body as {
      action: string;
      target: string;
      by: string;
    }[];
    const budgetChanges = audit.filter((a) => a.action.includes('downlink-budget'));
    expect(budgetChanges.map((a) => a.target)).toContain(
      `/api${base}/classrooms/room-gaolou-1/downlink-budget`,
    );
    expect(budgetChanges.map((a) => a.by)).toEqual(expect.arrayContaining(['u-coord', 'u-jyj']));
  });
});
