/* The page's own words, Simplified Chinese first, English beside. Verdict
 * titles, reasons and holder results come from the core (cqw_names, the
 * verdict JSON), the same words every certqr verifier uses. */
"use strict";
window.CQ = window.CQ || {};

/* Options in the page's address (#lang=en&dedup=0), for a bookmark or a
 * test: numbers where the default is a number. */
CQ.option = function (name, dflt) {
	const v = new URLSearchParams(location.hash.slice(1)).get(name);
	if (v === null) return dflt;
	return typeof dflt === "number" ? (Number.isFinite(+v) ? +v : dflt) : v;
};

CQ.words = {
	title: ["继续教育证书核验", "Certificate check"],
	subtitle: ["河南省专业技术人员继续教育证书 · 离线核验", "Henan continuing-education certificates · offline"],
	langSwitch: ["English", "中文"],
	camera: ["用摄像头扫码", "Scan with the camera"],
	cameraStop: ["关闭摄像头", "Stop the camera"],
	torch: ["手电筒", "Torch"],
	pick: ["选择图片或 PDF", "Choose an image or PDF"],
	drop: ["或将证书图片、PDF 拖到此处", "or drop a certificate image or PDF here"],
	scanner: ["扫码枪 / 粘贴二维码内容后按回车", "USB scanner / paste the QR text, then Enter"],
	holder: ["持证人身份证号（可选，用于核对本人）", "Holder's ID number (optional: is it theirs?)"],
	holderPh: ["18 位身份证号", "18-character ID number"],
	loading: ["正在加载核验程序…", "Loading the verifier…"],
	ready: ["就绪：请扫码或选择文件", "Ready: scan a code or choose a file"],
	working: ["正在识别…", "Reading…"],
	noCode: ["未能读取二维码", "No QR code could be read"],
	pages: ["页", "page"],
	trust: ["信任包", "Trust bundle"],
	version: ["第 {v} 版", "version {v}"],
	updated: ["{d} 天前更新", "updated {d} days ago"],
	updatedToday: ["今天更新", "updated today"],
	updatedFuture: ["日期晚于本机时钟", "dated after this device's clock"],
	updateTrust: ["更新信任包", "Update the trust bundle"],
	trustInstalled: ["已安装信任包第 {v} 版（{date}）", "Installed trust bundle version {v} ({date})"],
	trustAlready: ["该信任包已在使用", "This trust bundle is already in use"],
	trustRefused: ["拒绝安装：{why}", "Refused: {why}"],
	testRoot: ["测试用信任根（TEST-ONLY）：仅供演示，不能用于真实核验", "TEST-ONLY trust root: for demonstration, not for real checks"],
	offline: ["本页离线运行：不联网、不上传、不保存任何扫描内容。", "This page works offline: it sends nothing, uploads nothing and keeps no scans."],
	byEye: ["请人工核对：本页只核验二维码中的签名信息，未检查证书页面上打印的文字。请将纸质证书上的姓名、证书编号、年度和学时与上面的签名信息逐项比对。",
		"Compare by eye: this page checks the signed data in the QR code, not the text printed on the page. Compare the name, number, year and hours on the paper with the signed fields above."],
	byEyeTitle: ["未检查页面文字", "Page text not checked"],
	fieldsTitle: ["签名信息（与纸质证书比对）", "Signed fields (compare with the paper)"],
	name: ["姓名", "Name"],
	idHint: ["身份证号后四位", "ID number ends"],
	number: ["证书管理号", "Certificate number"],
	year: ["年度", "Year"],
	revision: ["版次", "Revision"],
	hPublic: ["公需科目学时", "Public hours"],
	hProf: ["专业科目学时", "Professional hours"],
	hTotal: ["合计学时", "Total hours"],
	hComp: ["必修课学时", "Compulsory hours"],
	reduction: ["学时折算原因", "Reduction"],
	months: ["在岗月数", "months at post"],
	issuer: ["签发机关", "Issuer"],
	issued: ["签发日期", "Issued"],
	key: ["密钥", "key"],
	compliance: ["学时要求", "Hours rule"],
	met: ["达标", "Met"],
	notMet: ["未达标", "Not met"],
	aid: ["达标（援派工作满一年，全年学时视为完成）", "Met (a full year of aid work counts as the whole year)"],
	noRule: ["信任包中没有该年度的学时规则", "No rule for this year and region in the trust bundle"],
	shortBy: ["差", "short by"],
	sPublic: ["公需科目", "public"],
	sProf: ["专业科目", "professional"],
	sTotal: ["合计", "total"],
	sComp: ["必修课", "compulsory"],
	required: ["要求", "required"],
	ruleFrom: ["{from} 年起，地区 {region}", "from {from}, region {region}"],
	ruleYears: ["{from}–{to} 年，地区 {region}", "{from}–{to}, region {region}"],
	holderCheck: ["持证人核对", "Holder"],
	holderNone: ["未核对（输入身份证号可核对本人）", "Not checked (type the ID number to check)"],
	claimedKey: ["声称的签名密钥（未经验证，不显示证书内容）", "Claimed key (not verified: certificate fields not shown)"],
	source: ["来源", "Source"],
	hint: {
		"no-code": ["画面中没有二维码", "no QR code in the picture"],
		"too-small": ["二维码太小，请靠近一些", "the code is too small: come closer"],
		"too-blurred": ["画面模糊，请对焦", "too blurred: hold still and focus"],
		"low-contrast": ["对比度太低，请改善光线", "too little contrast: improve the light"],
		"damaged": ["二维码可能已损坏", "the code may be damaged"],
		"none": ["", ""],
	},
};

/* The word for `key` in the current language, with {placeholders} filled. */
CQ.t = function (key, vars) {
	const w = CQ.words[key];
	let s = w ? w[CQ.lang === "en" ? 1 : 0] : key;
	for (const k in vars || {}) s = s.split("{" + k + "}").join(String(vars[k]));
	return s;
};
CQ.lang = CQ.option("lang", "zh") === "en" ? "en" : "zh";
