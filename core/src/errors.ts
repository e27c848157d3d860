import { format, type Lang, type Messages } from './i18n.js';

/**
 * Stable error codes of the API (problem+json `code`) and of field validation (`errors[].code`),
 * with their messages in both languages. The web maps the same codes through the same table.
 */
export const PROBLEMS = {
  unauthenticated: { status: 401, 'zh-CN': '请先登录。', 'en-US': 'Please sign in.' },
  invalid_credentials: {
    status: 401,
    'zh-CN': '用户名或密码错误。',
    'en-US': 'Wrong username or password.',
  },
  account_locked: {
    status: 401,
    'zh-CN': '连续登录失败次数过多，账号已锁定，请 {minutes} 分钟后再试。',
    'en-US': 'Too many failed sign-ins. The account is locked; try again in {minutes} minutes.',
  },
  account_disabled: {
    status: 401,
    'zh-CN': '账号已停用，请联系管理员。',
    'en-US': 'This account is disabled. Please contact your administrator.',
  },
  session_expired: {
    status: 401,
    'zh-CN': '登录已过期，请重新登录。',
    'en-US': 'Your session has expired. Please sign in again.',
  },
  forbidden: {
    status: 403,
    'zh-CN': '您没有执行此操作的权限。',
    'en-US': 'You do not have permission to do this.',
  },
  csrf_failed: {
    status: 403,
    'zh-CN': '请求缺少有效的安全令牌，请刷新页面后重试。',
    'en-US': 'The request lacks a valid security token. Reload the page and try again.',
  },
  not_found: { status: 404, 'zh-CN': '未找到该记录。', 'en-US': 'Not found.' },
  route_not_found: { status: 404, 'zh-CN': '接口不存在。', 'en-US': 'No such endpoint.' },
  conflict: { status: 409, 'zh-CN': '与现有记录冲突。', 'en-US': 'Conflicts with an existing record.' },
  illegal_transition: {
    status: 409,
    'zh-CN': '案件当前为“{status}”，不能“{event}”。',
    'en-US': 'The case is “{status}”: “{event}” is not possible now.',
  },
  warning_transition: {
    status: 409,
    'zh-CN': '该预警当前为“{status}”，不能改为“{to}”。',
    'en-US': 'The warning is “{status}”: it cannot be set to “{to}”.',
  },
  not_overdue: {
    status: 409,
    'zh-CN': '调解期限至 {due} 届满，届满前不能按逾期终止调解。',
    'en-US': 'The mediation period runs until {due}; it cannot be closed as overdue before then.',
  },
  extension_not_open: {
    status: 409,
    'zh-CN': '只有受理后、调解期限届满前的案件可以延长调解期限。',
    'en-US': 'Only an accepted case whose mediation period has not ended can be extended.',
  },
  extension_twice: {
    status: 409,
    'zh-CN': '调解期限已经延长过一次，不能再次延长。',
    'en-US': 'The mediation period has already been extended once.',
  },
  extension_too_long: {
    status: 400,
    'zh-CN': '延长的天数应为 1–15 天。',
    'en-US': 'An extension is 1 to 15 days.',
  },
  extension_consent: {
    status: 400,
    'zh-CN': '延长调解期限须记录双方当事人同意的日期。',
    'en-US': 'An extension needs both parties’ recorded consent.',
  },
  not_an_agreement: {
    status: 409,
    'zh-CN': '只有达成调解协议的案件才能登记仲裁审查确认和履行情况。',
    'en-US': 'Only a case that reached an agreement has a review and a performance to record.',
  },
  archive_open: {
    status: 409,
    'zh-CN': '案件尚未办结，办结后才能归档。',
    'en-US': 'The case is still open; it can be archived once closed.',
  },
  archive_twice: { status: 409, 'zh-CN': '该案件已经归档。', 'en-US': 'This case is already archived.' },
  case_archived: {
    status: 409,
    'zh-CN': '该案件已归档，案卷不再增加材料。',
    'en-US': 'This case is archived; its file takes nothing more.',
  },
  attachment_type: {
    status: 400,
    'zh-CN': '附件只接受 JPG、PNG 图片或 PDF 文件（按文件内容判断）。',
    'en-US': 'Attachments must be JPG or PNG images or PDF files (judged by their content).',
  },
  attachment_too_large: {
    status: 413,
    'zh-CN': '附件超过 {mb} MB，请压缩或拆分后再上传。',
    'en-US': 'The attachment is over {mb} MB; compress or split it.',
  },
  attachment_limit: {
    status: 409,
    'zh-CN': '附件已达上限（{max} 份）。',
    'en-US': 'The attachment limit ({max} files) is reached.',
  },
  attachments_closed: {
    status: 409,
    'zh-CN': '申请已受理或办结，请将补充材料交给调解组织。',
    'en-US': 'The application is already being handled; give further documents to the organisation.',
  },
  no_agreement: {
    status: 409,
    'zh-CN': '该案件尚未达成调解协议（当前为“{status}”），没有调解协议书。',
    'en-US': 'This case has not reached an agreement (it is “{status}”): there is no agreement document.',
  },
  parameter_ended: {
    status: 409,
    'zh-CN': '该参数已于 {date} 停止执行，不能再次停止。',
    'en-US': 'This row already stopped on {date}.',
  },
  username_taken: { status: 409, 'zh-CN': '用户名已被使用。', 'en-US': 'This username is taken.' },
  // 重点企业用工监测 (core/src/employment.ts)
  already_listed: {
    status: 409,
    'zh-CN': '该企业已在重点企业名单中（{date} 列入），不能重复列入。',
    'en-US': 'This enterprise is already on the key-enterprise list (since {date}).',
  },
  not_listed: {
    status: 409,
    'zh-CN': '该企业已于 {date} 移出重点企业名单。',
    'en-US': 'This enterprise was taken off the key-enterprise list on {date}.',
  },
  report_exists: {
    status: 409,
    'zh-CN': '该企业 {month} 的月度用工报告已经报送，如需更正请修改原报告。',
    'en-US': 'The report of {month} is already filed for this enterprise; correct that report instead.',
  },
  report_window_closed: {
    status: 409,
    'zh-CN': '{month} 月度用工报告的报送时间为 {opens} 至 {closes}，现不在报送期内；如需补报，请联系属地人社部门。',
    'en-US':
      'The report of {month} is filed from {opens} to {closes}, which is not now; ask your local office to file it late.',
  },
  no_mediation_org: {
    status: 422,
    'zh-CN': '该地区暂无可受理申请的调解组织，请选择其他调解组织或拨打 12333 咨询。',
    'en-US': 'No mediation organisation takes applications in this region; choose another or call 12333.',
  },
  mediator_taken: {
    status: 409,
    'zh-CN': '该调解组织已登记过这位调解员（公民身份号码相同）。',
    'en-US': 'This organisation already lists a mediator with this ID number.',
  },
  org_name_taken: {
    status: 409,
    'zh-CN': '本区划已有名为“{name}”的调解组织。',
    'en-US': 'This region already has a mediation organisation named “{name}”.',
  },
  credit_code_taken: {
    status: 409,
    'zh-CN': '统一社会信用代码 {creditCode} 已经登记，同一代码只能登记一次。',
    'en-US': 'Credit code {creditCode} is already registered; a code can be registered once.',
  },
  version_conflict: {
    status: 412,
    'zh-CN': '该记录已被他人修改（当前版本 {version}），请刷新后重新编辑。',
    'en-US': 'Someone else changed this record (now version {version}). Reload it and edit again.',
  },
  validation_failed: {
    status: 400,
    'zh-CN': '提交的内容有误，请检查标出的字段。',
    'en-US': 'Some fields are not valid. Please check them.',
  },
  bad_request: { status: 400, 'zh-CN': '请求格式有误。', 'en-US': 'Malformed request.' },
  payload_too_large: { status: 413, 'zh-CN': '提交的内容过大。', 'en-US': 'The request is too large.' },
  file_empty: { status: 400, 'zh-CN': '上传的文件为空。', 'en-US': 'The uploaded file is empty.' },
  file_too_large: {
    status: 413,
    'zh-CN': '文件超过 20 MB，请拆分后分批导入。',
    'en-US': 'The file is over 20 MB. Split it and import the parts.',
  },
  file_extension: {
    status: 400,
    'zh-CN': '只接受 .xlsx 或 .csv 文件。',
    'en-US': 'Only .xlsx and .csv files are accepted.',
  },
  file_xls: {
    status: 400,
    'zh-CN': '这是旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 后再导入。',
    'en-US': 'This is an old Excel (.xls) file. Save it as .xlsx in Excel and import that.',
  },
  file_not_xlsx: {
    status: 400,
    'zh-CN': '文件内容不是有效的 .xlsx 工作簿（扩展名与内容不符）。',
    'en-US': 'The content is not a valid .xlsx workbook (the name does not match the content).',
  },
  file_corrupt: { status: 400, 'zh-CN': '文件已损坏或不完整。', 'en-US': 'The file is damaged or incomplete.' },
  file_macros: {
    status: 400,
    'zh-CN': '文件包含宏，出于安全原因不予接收，请另存为不含宏的 .xlsx。',
    'en-US': 'The file contains macros and is refused for safety. Save it as a macro-free .xlsx.',
  },
  file_bomb: {
    status: 400,
    'zh-CN': '文件解压后过大或压缩比异常，已拒绝（疑似压缩炸弹）。',
    'en-US': 'The file inflates too much or at an abnormal ratio and is refused (a zip bomb?).',
  },
  file_too_many_entries: {
    status: 400,
    'zh-CN': '工作簿内部结构异常（部件过多），已拒绝。',
    'en-US': 'The workbook has too many parts and is refused.',
  },
  file_binary_csv: {
    status: 400,
    'zh-CN': '扩展名为 .csv，但内容不是文本。',
    'en-US': 'The file is named .csv but is not text.',
  },
  export_too_large: {
    status: 400,
    // The count stops at max + 1 (counting further is slow), so the message says "more than", not how many.
    'zh-CN': '符合条件的记录超过单次导出上限（{max} 条），请缩小筛选范围后再导出。',
    'en-US': 'More records match than one export may hold ({max}). Narrow the filters and export again.',
  },
  import_no_header: {
    status: 400,
    'zh-CN': '未找到表头行，请使用导入模板。',
    'en-US': 'No header row found. Use the import template.',
  },
  import_headers: {
    status: 400,
    'zh-CN': '表头与导入模板不符：{problems}。请使用导入模板。',
    'en-US': 'The headers do not match the template: {problems}. Use the import template.',
  },
  import_too_many_rows: {
    status: 400,
    'zh-CN': '文件有 {rows} 行数据，超过单次导入上限 {max} 行，请拆分后导入。',
    'en-US': 'The file has {rows} data rows, over the limit of {max}. Split it.',
  },
  import_no_rows: { status: 400, 'zh-CN': '文件中没有数据行。', 'en-US': 'The file has no data rows.' },
  rate_limited: {
    status: 429,
    'zh-CN': '请求过于频繁，请 {seconds} 秒后再试。',
    'en-US': 'Too many requests. Try again in {seconds} seconds.',
  },
  internal_error: {
    status: 500,
    'zh-CN': '系统内部错误，请稍后重试。如需帮助请提供请求编号 {requestId}。',
    'en-US': 'Internal error. Please try again later; quote request id {requestId} if you need help.',
  },
  service_unavailable: {
    status: 503,
    'zh-CN': '服务暂不可用，请稍后重试。',
    'en-US': 'The service is temporarily unavailable.',
  },
  import_interrupted: {
    status: 500,
    'zh-CN': '服务重启，导入未完成，未写入任何数据，请重新导入。',
    'en-US': 'The server restarted before the import finished; nothing was written. Import again.',
  },
} as const satisfies Record<string, Messages & { status: number }>;

export type ProblemCode = keyof typeof PROBLEMS;

/** Field-level validation codes (`errors[].code`). */
export const FIELD_ERRORS = {
  required: { 'zh-CN': '{field}为必填项。', 'en-US': '{field} is required.' },
  invalid_type: { 'zh-CN': '{field}的类型不正确。', 'en-US': '{field} has the wrong type.' },
  too_short: {
    'zh-CN': '{field}至少需要 {min} 个字符。',
    'en-US': '{field} must have at least {min} characters.',
  },
  too_long: {
    'zh-CN': '{field}最多 {max} 个字符。',
    'en-US': '{field} must have at most {max} characters.',
  },
  too_small: { 'zh-CN': '{field}不能小于 {min}。', 'en-US': '{field} must be at least {min}.' },
  too_big: { 'zh-CN': '{field}不能大于 {max}。', 'en-US': '{field} must be at most {max}.' },
  invalid_format: { 'zh-CN': '{field}的格式不正确。', 'en-US': '{field} has an invalid format.' },
  invalid_value: {
    'zh-CN': '{field}的取值不在允许范围内。',
    'en-US': '{field} is not one of the allowed values.',
  },
  unknown_field: { 'zh-CN': '不支持的字段 {field}。', 'en-US': 'Unknown field {field}.' },
  password_policy: {
    'zh-CN': '{field}至少 10 位，且须包含大写字母、小写字母、数字、符号中的至少三类。',
    'en-US': '{field} needs at least 10 characters from at least 3 of: upper case, lower case, digits, symbols.',
  },
  unknown_region: { 'zh-CN': '{field}不是有效的行政区划。', 'en-US': '{field} is not a known region.' },
  region_out_of_scope: {
    'zh-CN': '{field}超出了您的管辖范围。',
    'en-US': '{field} is outside your region.',
  },
  role_not_allowed: {
    'zh-CN': '您不能授予该{field}。',
    'en-US': 'You may not grant this {field}.',
  },
  member_unit_required: {
    'zh-CN': '区域工作人员须选择{field}。',
    'en-US': '{field} is required for region staff.',
  },
  province_role_region: {
    'zh-CN': '省级管理员的{field}必须为吉林省。',
    'en-US': '{field} of a province admin must be the province.',
  },
  wrong_password: { 'zh-CN': '{field}不正确。', 'en-US': '{field} is not correct.' },
  same_password: {
    'zh-CN': '新密码不能与当前密码相同。',
    'en-US': 'The new password must differ from the current one.',
  },
  invalid_credit_code: {
    'zh-CN': '{field}格式不正确：应为 18 位，由数字和大写字母组成（不含 I、O、S、V、Z），第 3–8 位为行政区划代码。',
    'en-US':
      '{field} is malformed: 18 characters of digits and capitals (no I, O, S, V, Z), positions 3–8 a division code.',
  },
  credit_code_check: {
    'zh-CN': '{field}的校验码不正确，请核对；确属历史遗留代码的，可由管理员填写例外说明后保存。',
    'en-US': 'The check character of {field} is wrong. For a genuine legacy code an administrator may record a reason.',
  },
  unknown_industry: {
    'zh-CN': '{field}不是《国民经济行业分类》（GB/T 4754-2017）中的代码。',
    'en-US': '{field} is not a code of GB/T 4754-2017.',
  },
  invalid_phone: {
    'zh-CN': '{field}应为 11 位手机号或带区号的固定电话。',
    'en-US': '{field} must be an 11-digit mobile number or a landline with its area code.',
  },
  future_date: { 'zh-CN': '{field}不能晚于今天。', 'en-US': '{field} cannot be in the future.' },
  credit_code_elsewhere: {
    'zh-CN': '该{field}已由您管辖范围以外的地区登记，请与企业所在地区核实后处理。',
    'en-US': 'This {field} is registered by a region outside yours; check with that region.',
  },
  numeric_code: {
    'zh-CN':
      '{field}须以文本格式填写：该单元格被 Excel 存成了数字（如 2.20102E+17），数字可能已经失真，请将该列设为文本后重新填写。',
    'en-US':
      '{field} must be text: Excel stored this cell as a number (like 2.20102E+17), which may have lost digits. Format the column as text and enter it again.',
  },
  duplicate_in_file: {
    'zh-CN': '{field}与第 {row} 行重复。',
    'en-US': '{field} repeats row {row}.',
  },
  invalid_date: {
    'zh-CN': '{field}不是有效日期，请填写如 2026-03-02。',
    'en-US': '{field} is not a valid date; write it like 2026-03-02.',
  },
  formula_error: {
    'zh-CN': '{field}的公式计算结果有误（{value}）。',
    'en-US': '{field} holds a formula error ({value}).',
  },
  no_recipients: {
    'zh-CN': '没有符合{field}的企业，请调整推送范围。',
    'en-US': 'No enterprise matches the {field}; widen it.',
  },
  enterprise_required: {
    'zh-CN': '企业用户须关联{field}。',
    'en-US': 'An enterprise user needs an {field}.',
  },
  enterprise_not_allowed: {
    'zh-CN': '只有企业用户可以关联{field}。',
    'en-US': 'Only enterprise users belong to an {field}.',
  },
  cannot_change_self: {
    'zh-CN': '不能修改自己的{field}。',
    'en-US': 'You cannot change your own {field}.',
  },
  before_issue: {
    'zh-CN': '{field}不能早于发布日期。',
    'en-US': '{field} cannot be before the date of issue.',
  },
  before_effect: {
    'zh-CN': '{field}不能早于调解协议生效日期。',
    'en-US': '{field} cannot be before the agreement took effect.',
  },
  review_late: {
    'zh-CN': '{field}已超过申请期限（协议生效之日起 15 日内），仲裁委员会不予受理审查确认申请。',
    'en-US': '{field} is past the 15 days after the agreement took effect; the commission does not accept it.',
  },
  before_application: {
    'zh-CN': '{field}不能早于申请日期。',
    'en-US': '{field} cannot be before the application.',
  },
  before_received: {
    'zh-CN': '{field}不能早于收到申请日期。',
    'en-US': '{field} cannot be before the case was received.',
  },
  invalid_id_number: {
    'zh-CN': '{field}不是有效的 18 位公民身份号码，请核对出生日期和最后一位校验码。',
    'en-US': '{field} is not a valid 18-character citizen ID number; check the birth date and the check character.',
  },
  invalid_mobile: {
    'zh-CN': '{field}应为 11 位手机号码。',
    'en-US': '{field} must be an 11-digit mobile number.',
  },
  unknown_policy: {
    'zh-CN': '{field}中有政策库里不存在的政策。',
    'en-US': '{field} names a policy that is not in the library.',
  },
  org_not_found: {
    'zh-CN': '您的管辖范围内没有{field}为“{name}”的调解组织，请先导入或登记该调解组织。',
    'en-US': 'No mediation organisation in your region has the {field} “{name}”; import or register it first.',
  },
  org_ambiguous: {
    'zh-CN': '您的管辖范围内有 {count} 个{field}为“{name}”的调解组织，请填写所属区划加以区分。',
    'en-US': '{count} organisations in your region have the {field} “{name}”; fill in the region to tell them apart.',
  },
  mediator_ambiguous: {
    'zh-CN': '该调解组织有多名{field}为“{name}”的调解员，请填写公民身份号码加以区分。',
    'en-US':
      'The organisation has several mediators with the {field} “{name}”; fill in the ID number to tell them apart.',
  },
  same_mediator_twice: {
    'zh-CN': '该行与文件中另一行是同一名调解员（{name}），请合并为一行。',
    'en-US': 'This row and another row of the file are the same mediator ({name}); merge them into one row.',
  },
  masked_value: {
    'zh-CN': '{field}是脱敏显示的号码，与已登记的号码不符；如需修改，请填写完整号码。',
    'en-US': '{field} is a masked number that does not match the one on record; to change it, enter the full number.',
  },
  training_format: {
    'zh-CN': '{field}格式不正确：每次培训写作“2026-05-20 培训名称 16学时”（学时可省略），多次培训用分号隔开。',
    'en-US':
      '{field} is malformed: write each training as “2026-05-20 Title 16学时” (hours optional), separated by semicolons.',
  },
  // 经济补偿 calculator and the wage parameter tables (core/src/severance.ts, wage-parameters.ts)
  service_either: {
    'zh-CN': '请填写{field}，或者填写入职日期和离职日期（二者选一）。',
    'en-US': 'Give the {field}, or the start and end of service (one or the other).',
  },
  before_hire: { 'zh-CN': '{field}不能早于入职日期。', 'en-US': '{field} cannot be before the start of service.' },
  service_too_long: {
    'zh-CN': '{field}有误：工作年限超过 60 年，请核对入职和离职日期。',
    'en-US': '{field} looks wrong: the service is over 60 years. Check the dates.',
  },
  no_parameter: {
    'zh-CN': '参数表中没有该地区在该日期适用的{field}，请直接填写{field}，或选择到县（市、区）一级的地区。',
    'en-US':
      'The parameter tables have no {field} for this region on this date: enter it, or choose a county-level region.',
  },
  before_effective: {
    'zh-CN': '{field}不能早于生效日期的前一日。',
    'en-US': '{field} cannot be earlier than the day before the row takes effect.',
  },
  calendar_covered: {
    'zh-CN': '{field}已有内置的国务院节假日安排，无需录入。',
    'en-US': '{field} is covered by the built-in calendar of the State Council’s arrangements.',
  },
  makeup_on_weekday: {
    'zh-CN': '{field}：调休上班日应为周六或周日（工作日本来就上班）。',
    'en-US': '{field}: a make-up working day falls on a Saturday or Sunday (weekdays are working days anyway).',
  },
  before_listed: { 'zh-CN': '{field}不能早于列入日期。', 'en-US': '{field} cannot be before the listing date.' },
  before_delisted: {
    'zh-CN': '{field}不能早于上次移出名单的日期（{date}）。',
    'en-US': '{field} cannot be before the enterprise was last taken off the list ({date}).',
  },
  report_not_due: {
    'zh-CN': '{field}尚未到报送时间：该月的月度用工报告自 {opens} 起报送。',
    'en-US': '{field} is not due yet: its report is filed from {opens}.',
  },
  follower_not_eligible: {
    'zh-CN': '{field}须为企业所在地区（或其上级地区）在岗的工作人员。',
    'en-US': '{field} must be an active staff member of the enterprise’s region or a region above it.',
  },
  enterprise_not_found: {
    'zh-CN': '您管辖范围的企业名录中没有{field}为“{value}”的企业，请先在企业名录中登记。',
    'en-US': 'No enterprise of your region has the {field} “{value}”; register it first.',
  },
  parameter_exists: {
    'zh-CN': '{field}中的{name}已有自 {date} 起生效的记录；如需更正，请先撤销该记录。',
    'en-US': '{name} in {field} already has a row in effect from {date}; withdraw it first to correct it.',
  },
  // 裁员方案 (core/src/layoff-plans.ts)
  plan_exists: {
    'zh-CN': '该企业 {year} 年已有裁员方案，请修改已有方案（{field}）。',
    'en-US': 'This enterprise already has a layoff plan for {year}; edit that one ({field}).',
  },
  after_planned_layoff: {
    'zh-CN': '{field}不能晚于计划裁员日期。',
    'en-US': '{field} cannot be after the planned layoff date.',
  },
  duplicate_person: {
    'zh-CN': '{field}与名单中第 {row} 人重复。',
    'en-US': '{field} repeats person {row} of the list.',
  },
  plan_not_found: {
    'zh-CN': '您的管辖范围内没有该企业（{field}）{year} 年的裁员方案，请先登记裁员方案。',
    'en-US': 'No layoff plan of this enterprise ({field}) for {year} in your region; record the plan first.',
  },
} as const satisfies Record<string, Messages>;

export type FieldErrorCode = keyof typeof FIELD_ERRORS;

/** Business names of fields, so messages name the field the way the user sees it. */
export const FIELD_LABELS: Record<string, Messages> = {
  username: { 'zh-CN': '用户名', 'en-US': 'Username' },
  password: { 'zh-CN': '密码', 'en-US': 'Password' },
  newPassword: { 'zh-CN': '新密码', 'en-US': 'New password' },
  currentPassword: { 'zh-CN': '当前密码', 'en-US': 'Current password' },
  displayName: { 'zh-CN': '姓名', 'en-US': 'Name' },
  role: { 'zh-CN': '角色', 'en-US': 'Role' },
  regionCode: { 'zh-CN': '所属区划', 'en-US': 'Region' },
  memberUnit: { 'zh-CN': '成员单位', 'en-US': 'Member unit' },
  disabled: { 'zh-CN': '停用状态', 'en-US': 'Disabled' },
  page: { 'zh-CN': '页码', 'en-US': 'Page' },
  pageSize: { 'zh-CN': '每页条数', 'en-US': 'Page size' },
  q: { 'zh-CN': '关键词', 'en-US': 'Search' },
  from: { 'zh-CN': '开始时间', 'en-US': 'From' },
  to: { 'zh-CN': '结束时间', 'en-US': 'To' },
  action: { 'zh-CN': '操作类型', 'en-US': 'Action' },
  actorUsername: { 'zh-CN': '操作人', 'en-US': 'Actor' },
  result: { 'zh-CN': '结果', 'en-US': 'Result' },
  id: { 'zh-CN': '编号', 'en-US': 'ID' },
  creditCode: { 'zh-CN': '统一社会信用代码', 'en-US': 'Credit code' },
  enterpriseId: { 'zh-CN': '所属企业', 'en-US': 'Enterprise' },
  criteria: { 'zh-CN': '推送范围', 'en-US': 'Recipients filter' },
  servedOn: { 'zh-CN': '服务日期', 'en-US': 'Date served' },
  channel: { 'zh-CN': '服务方式', 'en-US': 'Channel' },
  topics: { 'zh-CN': '服务内容', 'en-US': 'Topics' },
  expertIds: { 'zh-CN': '服务人员', 'en-US': 'Served by' },
  findings: { 'zh-CN': '发现的问题', 'en-US': 'Findings' },
  followUp: { 'zh-CN': '跟进措施', 'en-US': 'Follow-up' },
  followUpDue: { 'zh-CN': '跟进期限', 'en-US': 'Follow-up due' },
  organisation: { 'zh-CN': '工作单位', 'en-US': 'Organisation' },
  phone: { 'zh-CN': '联系电话', 'en-US': 'Phone' },
  year: { 'zh-CN': '年度', 'en-US': 'Year' },
  target: { 'zh-CN': '目标数', 'en-US': 'Target' },
  targets: { 'zh-CN': '目标', 'en-US': 'Targets' },
  issuer: { 'zh-CN': '发文机关', 'en-US': 'Issuer' },
  docNumber: { 'zh-CN': '文号', 'en-US': 'Document number' },
  level: { 'zh-CN': '层级', 'en-US': 'Level' },
  issuedOn: { 'zh-CN': '发布日期', 'en-US': 'Issued on' },
  effectiveOn: { 'zh-CN': '施行日期', 'en-US': 'In force from' },
  summary: { 'zh-CN': '摘要', 'en-US': 'Summary' },
  tags: { 'zh-CN': '标签', 'en-US': 'Tags' },
  published: { 'zh-CN': '发布状态', 'en-US': 'Published' },
  question: { 'zh-CN': '问题', 'en-US': 'Question' },
  answer: { 'zh-CN': '解答', 'en-US': 'Answer' },
  policyIds: { 'zh-CN': '关联政策', 'en-US': 'Related policies' },
  answers: { 'zh-CN': '答案', 'en-US': 'Answers' },
  registeredWithinMonths: { 'zh-CN': '成立时长（月）', 'en-US': 'Registered within (months)' },
  kind: { 'zh-CN': '类型', 'en-US': 'Kind' },
  title: { 'zh-CN': '标题', 'en-US': 'Title' },
  body: { 'zh-CN': '正文', 'en-US': 'Body' },
  name: { 'zh-CN': '企业名称', 'en-US': 'Enterprise name' },
  industryCode: { 'zh-CN': '行业代码', 'en-US': 'Industry code' },
  ownership: { 'zh-CN': '登记注册类型', 'en-US': 'Ownership' },
  employees: { 'zh-CN': '从业人员数', 'en-US': 'Employees' },
  revenue: { 'zh-CN': '营业收入（万元）', 'en-US': 'Revenue (10k yuan)' },
  assets: { 'zh-CN': '资产总额（万元）', 'en-US': 'Total assets (10k yuan)' },
  sizeClass: { 'zh-CN': '企业规模', 'en-US': 'Size class' },
  registeredOn: { 'zh-CN': '成立日期', 'en-US': 'Registered on' },
  registeredFrom: { 'zh-CN': '成立日期（起）', 'en-US': 'Registered from' },
  registeredTo: { 'zh-CN': '成立日期（止）', 'en-US': 'Registered to' },
  address: { 'zh-CN': '注册地址', 'en-US': 'Address' },
  legalRepresentative: { 'zh-CN': '法定代表人', 'en-US': 'Legal representative' },
  contactName: { 'zh-CN': '联系人', 'en-US': 'Contact' },
  contactPhone: { 'zh-CN': '联系电话', 'en-US': 'Contact phone' },
  source: { 'zh-CN': '数据来源', 'en-US': 'Source' },
  creditCodeOverrideReason: { 'zh-CN': '校验码例外说明', 'en-US': 'Check-character exception reason' },
  version: { 'zh-CN': '版本号', 'en-US': 'Version' },
};

/**
 * The name of a field as the user sees it. `labels` are a form's own names, for a field whose name means
 * something else elsewhere (an expert's `name` is 姓名, not the enterprise's 企业名称); they win over FIELD_LABELS.
 */
export function fieldLabel(field: string, lang: Lang, labels?: Readonly<Record<string, Messages>>): string {
  const last = field.split('.').pop() ?? field;
  return (
    labels?.[field]?.[lang] ??
    labels?.[last]?.[lang] ??
    FIELD_LABELS[field]?.[lang] ??
    FIELD_LABELS[last]?.[lang] ??
    field
  );
}

export function problemMessage(code: ProblemCode, lang: Lang, params?: Record<string, string | number>): string {
  return format(PROBLEMS[code][lang], params);
}

export function fieldMessage(
  code: FieldErrorCode,
  field: string,
  lang: Lang,
  params: Record<string, string | number> = {},
  labels?: Readonly<Record<string, Messages>>,
): string {
  return format(FIELD_ERRORS[code][lang], { ...params, field: fieldLabel(field, lang, labels) });
}

/** One validation error as the API reports it. */
export interface FieldError {
  field: string;
  code: FieldErrorCode;
  message: string;
}
