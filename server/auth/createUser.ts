// Creates a login from the command line: the first coordinator of an installation (later
// ones are created by coordinators over POST /api/auth/users).
//   npx tsx server/auth/createUser.ts --login jiaowu --name 教务处 --role coordinator \
//     --community ruian-p-18 [--teacher-id T] [--password P]   (password also via PASSWORD)
// --help prints the usage; a mistake on the command line exits 2 saying what it is.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { openStore } from '../store/openStore';
import { Accounts } from './accounts';
import { loadAuthSecret } from './secret';
import { TokenIssuer } from './tokens';

const usage = `用法：npx tsx server/auth/createUser.ts --login 登录名 --name 姓名 --community 共同体ID
        [--community 另一个ID …] [--role coordinator|teacher|observer] [--teacher-id 教师ID]
        或 --role district --district 区县名（区县教育局：该区县的全部共同体，不用 --community）
        --password 密码（至少 8 位；也可用环境变量 PASSWORD）
创建一个登录账号：安装后的第一位协调员用它创建，其余账号由协调员在系统中创建。
  --login       登录名（字母、数字、. _ @ -）
  --name        显示的姓名，如 教务处
  --role        coordinator（协调员，默认）、teacher（教师）或 observer（观察员）
  --community   可管理或查看的共同体 ID，可重复
  --district    区县教育局账号的区县（与共同体的 district 相同），如 瑞安市
  --teacher-id  教师账号对应的一张表中的教师 ID
  --password    密码，至少 8 位
  -h, --help    显示本说明

Usage: creates a login, e.g. the first coordinator of an installation (later ones are
created by coordinators over POST /api/auth/users). Options as above; the password may
also come from the PASSWORD environment variable. The store is the one the server uses
(DATA_DIR or REDIS_URL).
`;

/** A mistake in the command line: what is wrong, where the usage is, exit code 2. */
function usageError(message: string): never {
  console.error(`${message}\n（用法见 --help; see --help for usage）`);
  process.exit(2);
}

const options = {
  login: { type: 'string' },
  name: { type: 'string' },
  role: { type: 'string', default: 'coordinator' },
  community: { type: 'string', multiple: true },
  'teacher-id': { type: 'string' },
  district: { type: 'string' },
  password: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parse() {
  try {
    return parseArgs({ options }).values;
  } catch (error) {
    const code = (error as { code?: string }).code;
    const text = (error as Error).message;
    const option = /'([^']+)'/.exec(text)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
      usageError(`未知选项 ${option} Unknown option ${option}`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
      usageError(`选项 ${option} 缺少值或值无效 ${text}`);
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL')
      usageError(`多余的参数 ${option} Unexpected argument ${option}`);
    throw error;
  }
}

const values = parse();
if (values.help) {
  process.stdout.write(usage);
  process.exit(0);
}
const password = values.password ?? process.env.PASSWORD;
const role = values.role as 'coordinator' | 'teacher' | 'observer' | 'district';
// A district account names its district; its communities are the district's, looked up.
const scoped = role === 'district' ? Boolean(values.district) : Boolean(values.community?.length);
if (!values.login || !values.name || !scoped || !password)
  usageError(
    role === 'district'
      ? '缺少 --login、--name、--district 或 --password Missing --login, --name, --district or --password'
      : '缺少 --login、--name、--community 或 --password Missing --login, --name, --community or --password',
  );
if (!['coordinator', 'teacher', 'observer', 'district'].includes(role))
  usageError(
    '--role 须为 coordinator、teacher、observer 或 district --role must be coordinator, teacher, observer or district',
  );
if (password.length < 8) usageError('密码至少 8 位 The password needs at least 8 characters');

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
  communityIds: role === 'district' ? [] : (values.community ?? []),
  ...(role === 'district' ? { district: values.district! } : {}),
  ...(values['teacher-id'] ? { teacherId: values['teacher-id'] } : {}),
  password,
});
await store.close();
if (!user) {
  console.error(`登录名 ${values.login} 已存在 Login ${values.login} exists already`);
  process.exit(1);
}
console.warn(`created ${user.role} ${user.login} (${user.id})`);
