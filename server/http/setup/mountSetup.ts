// The set-up screens' resources under /api (tag `setup`): the community's people and their
// accounts, bulk import, accepting an invitation, and the schools' downlink budgets.
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../store/Store';
import type { Accounts } from '../../auth/accounts';
import { AccountIssuing } from '../../setup/accountIssuing';
import { directoryRoutes } from './directoryRoutes';
import { importRoutes } from './importRoutes';
import { accountSetupRoutes } from './accountRoutes';
import { budgetRoutes } from './budgetRoutes';

export async function mountSetup(
  http: FastifyInstance,
  { store, accounts, now }: { store: Store; accounts: Accounts; now: () => number },
): Promise<void> {
  const opts = {
    repo: store.timetable,
    users: store.auth,
    accounts,
    issuing: new AccountIssuing(accounts, store.security, now),
    now,
  };
  await http.register(
    async (api) => {
      await api.register(directoryRoutes, opts);
      await api.register(importRoutes, opts);
      await api.register(accountSetupRoutes, opts);
      await api.register(budgetRoutes, {
        repo: store.timetable,
        budgets: store.downlinkBudgets,
        now,
      });
    },
    { prefix: '/api' },
  );
}
