/* Reject reasons in Chinese for rejects.csv. The core's rules speak English
 * (cq_err.msg); this table gives each a Chinese sentence, matched by the
 * English text's beginning. The English stays beside it in the report, with
 * the details (values, limits). A reason missing here gets a general
 * sentence; tests/sh/issue_batch.sh checks that every reason the bad-rows
 * fixture provokes has its own. */
#include <string.h>
#include "issue.h"

static const struct { const char *en, *zh; } zh[] = {
	/* record rules (lib/record.c, lib/idnum.c, lib/fields.c) */
	{"must not be empty", "不能为空"},
	{"is required", "缺少此项，必须填写"},
	{"is not valid UTF-8", "不是有效的 UTF-8 文字：请用「CSV UTF-8（逗号分隔）」另存"},
	{"longer than", "太长"},
	{"value longer than", "太长"},
	{"character U+", "姓名中有不能用于姓名的字符：只能是汉字、拉丁字母、间隔号「·」或空格"},
	{"the separator dot must be U+00B7", "少数民族姓名的间隔号须为「·」（U+00B7），不能用「•」「・」「．」或「.」"},
	{"· and space only between", "间隔号「·」和空格只能在两段姓名之间"},
	{"space only between Latin", "空格只能用在拉丁字母姓名的两段之间"},
	{"must be 18 characters", "身份证号须为 18 位"},
	{"first 17 characters must be digits", "身份证号前 17 位须为数字"},
	{"check character must be", "身份证号最后一位须为数字或 X"},
	{"first six digits are not", "身份证号前 6 位不是行政区划代码"},
	{"digits 7-14 are not a valid birth date", "身份证号第 7–14 位不是有效的出生日期"},
	{"check character is", "身份证号校验位不对：请核对号码（GB 11643）"},
	{"ends in 000 and fails its check", "身份证号末三位变成了 000：Excel 只保留 15 位有效数字。请把该列设为「文本」后重新录入身份证号"},
	{"was turned into a number in scientific notation", "号码被 Excel 转成了科学计数法（如 4.10102E+17），后几位已丢失。请把该列设为「文本」后重新录入"},
	{"certificate number must be 13 digits", "证书管理号须为 13 位数字"},
	{"digits 1-2 must be 41", "证书管理号前两位须为 41（河南）"},
	{"digits 7-13", "证书管理号第 7–13 位（注册序号）不能全为 0"},
	{"must be a year", "年度须为四位年份"},
	{"must be 1..255", "证书版本须为 1–255"},
	{"must be 1 for a first issue", "证书版本：首次签发为 1，更正后的证书更大"},
	{"must be whole hours", "学时须为 0–999 的整数"},
	{"must be 0..", "数值超出范围"},
	{"is set but marked as not recorded", "必修课学时与「未记录」矛盾"},
	{"compulsory hours are part of public hours", "必修课学时属于公需科目学时，不能多于公需科目学时"},
	{"must be 12 unless", "没有第八条减免时，在岗月数须为 12"},
	{"art. 8: abroad or sick leave", "第八条：境外工作或病假超过六个月的，在岗月数最多为 6"},
	{"a reduction needs fewer than 12 months", "有减免时，在岗月数须少于 12"},
	{"must be none, abroad", "学时减免须为：无、境外工作、病假、生育、其他、援派之一"},
	{"unknown reduction reason", "未知的减免情形"},
	{"must be a six-digit Henan division code", "发证机关代码须为 41 开头的六位行政区划代码"},
	{"is not a valid date", "不是有效的日期"},
	{"must be a date", "日期格式须为 年-月-日，如 2025-12-20"},
	{"is a spreadsheet date serial number", "这是 Excel 的日期序号，不是日期：请把该列设为日期格式（yyyy-mm-dd）后重新导出"},
	{"puts the year last", "日期把年份写在最后，无法判断月和日：请写成 年-月-日，如 2025-12-20"},
	{"a certificate cannot be issued before its year begins", "发证日期不能早于证书年度"},
	{"more than ten years after", "发证日期比证书年度晚十年以上"},
	{"does not add up", "合计学时不等于公需科目学时与专业科目学时之和"},
	/* the export's syntax (lib/csv.c) */
	{"quote inside an unquoted field", "字段中间有引号：请给整个字段加引号"},
	{"text after a closing quote", "引号结束后还有文字：字段内的引号须写两次"},
	{"column ", "引号没有结束：字段以引号开头，却没有配对的结束引号"},   /* "column N: quote opened on line L ..." */
	{"NUL byte", "文件中有 NUL 字节"},
	{"carriage return not followed", "有单独的回车符"},
	{"field longer than", "字段太长"},
	{"row longer than", "这一行太长"},
	{"more than 32", "列数太多"},
	{"line longer than", "这一行太长"},
	{"unknown field", "未知的字段"},
	/* JSON Lines (lib/csv.c) */
	{"a line must be one JSON object", "每行须为一个 JSON 对象"},
	{"nested objects and arrays", "不接受嵌套的对象或数组"},
	{"member given twice", "同一字段出现了两次"},
	{"only whole numbers", "只接受整数"},
	{"true/false", "不接受 true/false"},
	{"number with a leading zero", "数字不能以 0 开头：请写成字符串"},
	{"number too long", "数字太长"},
	{"bad number", "数字格式不对"},
	{"bad value", "值的格式不对"},
	{"missing value", "缺少值"},
	{"expected", "JSON 语法错误"},
	{"text after the object", "对象后面还有文字"},
	{"more than 32 members", "字段太多"},
	{"unterminated string", "字符串没有结束"},
	{"control character inside a string", "字符串中有控制字符"},
	{"invalid UTF-8", "不是有效的 UTF-8 文字"},
	{"unknown escape", "未知的转义"},
	{"bad \\u escape", "\\u 转义不对"},
	{"lone low surrogate", "\\u 转义不对"},
	{"high surrogate", "\\u 转义不对"},
	{"\\u0000", "不接受 \\u0000"},
	{"row too long", "这一行太长"},
	{"not valid UTF-8", "不是 UTF-8 文字"},
};

const char *issue_reason_zh(const char *en)
{
	for (size_t i = 0; i < sizeof zh / sizeof *zh; i++)
		if (!strncmp(en, zh[i].en, strlen(zh[i].en))) return zh[i].zh;
	return NULL;
}
