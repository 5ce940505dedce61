// Creates a login from the command line: the first coordinator of an installation (later
// ones are created by coordinators over POST /api/auth/users).
//   npx tsx server/auth/createUser.ts --login jiaowu --name 教务处 --role coordinator \
//     --community ruian-p-18 [--teacher-id T] [--password P]   (password also via PASSWORD)
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { openStore } from '../store/openStore';
import { Accounts } from './accounts';
import { loadAuthSecret } from './secret';
import { TokenIssuer } from './tokens';

const { values } = parseArgs({
  options: {
    login: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string', default: 'coordinator' },
    community: { type: 'string', multiple: true },
    'teacher-id': { type: 'string' },
    password: { type: 'string' },
  },
});
const password = values.password ?? process.env.PASSWORD;
const role = values.role as 'coordinator' | 'teacher' | 'observer';
if (!values.login || !values.name || !values.community?.length || !password) {
  console.error('usage: createUser --login L --name N --community C [--role R] --password P');
  process.exit(64);
}
if (!['coordinator', 'teacher', 'observer'].includes(role)) {
  console.error('--role must be coordinator, teacher or observer');
  process.exit(64);
}
if (password.length < 8) {
  console.error('the password needs at least 8 characters');
  process.exit(64);
}

const config = loadConfig();
const store = await openStore(config);
const accounts = new Accounts(
  store.auth,
  new TokenIssuer(loadAuthSecret(config.dataDir, config.authSecret)),
  Date.now,
  undefined,
  store.security,
);
const user = await accounts.createUser({
  login: values.login,
  name: values.name,
  role,
  communityIds: values.community,
  ...(values['teacher-id'] ? { teacherId: values['teacher-id'] } : {}),
  password,
});
await store.close();
if (!user) {
  console.error(`login ${values.login} exists already`);
  process.exit(1);
}
console.warn(`created ${user.role} ${user.login} (${user.id})`);
