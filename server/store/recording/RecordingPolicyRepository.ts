import type { RecordingPolicy } from '../../../shared/recording';

/** Each community's recording policy; a community never set has none (the defaults apply). */
export interface RecordingPolicyRepository {
  policy(communityId: string): Promise<RecordingPolicy | undefined>;
  putPolicy(policy: RecordingPolicy): Promise<void>;
  /** every policy set, for the retention sweep */
  policies(): Promise<RecordingPolicy[]>;
}
