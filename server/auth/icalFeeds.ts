// Calendar feed tokens: random, stored only as a hash, each good for one feed (a classroom's
// or a teacher's calendar) and nothing else, revocable by its owner. A person's bearer token
// in a calendar app's address would sit there for months, in every log on the way.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Principal } from '../../shared/auth';
import type { FeedInfo, FeedKind } from '../../shared/icalFeeds';
import type { FeedRecord, SecurityRepository } from '../store/security/SecurityRepository';

type Repo = Pick<
  SecurityRepository,
  'addFeed' | 'feedByTokenHash' | 'feed' | 'feedsOf' | 'revokeFeed' | 'disabledAt'
>;

/** Feed tokens start so; a bearer token never does (it is base64url JSON, `eyJ…`). */
const PREFIX = 'ical_';
const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export const feedInfo = ({ tokenHash: _hash, ...info }: FeedRecord): FeedInfo => info;

export class IcalFeeds {
  constructor(
    private readonly repo: Repo,
    private readonly now: () => number,
  ) {}

  async create(
    owner: Principal,
    kind: FeedKind,
    targetId: string,
  ): Promise<{ feed: FeedInfo; token: string }> {
    const token = `${PREFIX}${randomBytes(24).toString('base64url')}`;
    const record: FeedRecord = {
      id: `feed-${randomUUID()}`,
      kind,
      targetId,
      ownerSub: owner.sub,
      createdAt: this.now(),
      tokenHash: hash(token),
    };
    await this.repo.addFeed(record);
    return { feed: feedInfo(record), token };
  }

  /**
   * The feed the token opens, if it is this one (kind and target), not revoked, and its
   * owner's account is not disabled; undefined otherwise.
   */
  async open(token: string, kind: FeedKind, targetId: string): Promise<FeedInfo | undefined> {
    if (!token.startsWith(PREFIX)) return undefined;
    const record = await this.repo.feedByTokenHash(hash(token));
    if (!record || record.revokedAt !== undefined) return undefined;
    if (record.kind !== kind || record.targetId !== targetId) return undefined;
    if ((await this.repo.disabledAt(record.ownerSub)) !== undefined) return undefined;
    return feedInfo(record);
  }

  async of(owner: Principal): Promise<FeedInfo[]> {
    return (await this.repo.feedsOf(owner.sub)).map(feedInfo);
  }

  /** Undefined unless the feed exists and is the owner's own. */
  async revoke(owner: Principal, id: string): Promise<FeedInfo | undefined> {
    const record = await this.repo.feed(id);
    if (!record || record.ownerSub !== owner.sub) return undefined;
    const revoked = await this.repo.revokeFeed(id, this.now());
    return revoked ? feedInfo(revoked) : undefined;
  }
}
