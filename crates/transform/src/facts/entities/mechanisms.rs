//! Mechanisms, forums, platforms and bodies named in running text: the noun phrase that ends
//! with a suffix of the rules (`…机制`, `…论坛`, `…组织`), cut at the verb or joining word before
//! it, and kept only when it names one.

use std::ops::Range;

use super::charset::{by_first_character, ByFirstCharacter, CharSet};
use super::{standing, Mention, DIVISION, FEATURE, PLACE};
use crate::facts::tagger::Tagger;

/// Words a mechanism's name never starts with: the verbs that set one up or use it, the words
/// that join it to the sentence (`同意建立｜中国—海合会能源合作对话机制`), counts and sessions
/// (`两个｜平台`, `下次｜会议`), a charter's words for itself (`本章程自｜联盟…`) and the times
/// a body acts at (`秘书处每年｜编制联盟…`, `闭会期间｜领导联盟`).
///
/// One-character joining words that often stand inside names (`对话`, `和平`, `同盟`,
/// `协调与合作委员会`) are not among them.
const BEFORE_A_NAME: [&str; 207] = [
    // Verbs whose object is a body named before (`损害｜联盟声誉`, `承担｜联盟秘书处工作`).
    "损害",
    // A report handed to a body, a person elected at one (`年度财务报告提交｜联盟大会`,
    // `…当选｜论坛下届轮值主席`).
    "提交",
    "当选",
    // What two sides confirm (`中吉双方确认｜两国交通部门定期磋商机制`).
    "确认",
    // Where a place stands (`巴格达则处于｜全国路网中心`); a plan drawn up (`共同编制｜天保口岸…`).
    "处于",
    "编制",
    // A body added to another (`…论坛将增设｜港口城市分论坛`).
    "增设",
    "承担",
    // A condition met (`遇有｜口岸拥堵`), a reliance (`依赖｜临时协调机制`) and a name taken up
    // again (`…博览会这一｜平台`).
    "遇有",
    "依赖",
    "这一",
    // What money is spent on (`主要用于｜会议组织`), and 组织 as a verb (`也开始｜组织…专列`).
    "用于",
    "开始",
    "争取",
    "出版",
    "任何",
    "加密",
    "但",
    // A charter's word for what it names before (`利用该通道｜组织出口`).
    "该",
    // Set up anew, and summed up (`新设｜水资源联合工作组`, `汇总｜联合工作组的报告`).
    "新设",
    "汇总",
    "重视",
    "会同",
    "位于",
    "地处",
    "形成",
    "开设",
    "延长",
    "从",
    "获得",
    "多个",
    "亮相",
    "关于",
    "下一次",
    "本次",
    "此次",
    "首次",
    "退出",
    "申请",
    "可以",
    "为",
    "简称",
    "称为",
    "名为",
    "使用",
    "审议",
    "即",
    "是",
    "建设",
    "建成",
    "推进",
    "开展",
    "提升",
    "扩大",
    "承办",
    "主办",
    "协办",
    "下设",
    "设有",
    "以下",
    "纳入",
    "加入",
    "融入",
    "对接",
    "借助",
    "依据",
    "建立",
    "制定",
    "互设",
    "设立",
    "成立",
    "完善",
    "启动",
    "举办",
    "召开",
    // The minutes of a body's session signed, a body revived (`签署｜中古经贸混委会…纪要`).
    "签署",
    "签订",
    "重启",
    "恢复",
    // An aim (`力争｜口岸整体通关时间…`).
    "力争",
    "确保",
    "发挥",
    "利用",
    "依托",
    "通过",
    "加强",
    "推动",
    "支持",
    "用好",
    "打造",
    "搭建",
    "深化",
    "落实",
    "构建",
    "组建",
    "创建",
    "共建",
    "参与",
    "参加",
    "出席",
    "举行",
    "欢迎",
    "同意",
    "决定",
    "继续",
    "进一步",
    "积极",
    "充分",
    "共同",
    "双方",
    "各方",
    "中方",
    "根据",
    "按照",
    "探讨",
    "健全",
    "强化",
    "运用",
    "设在",
    "成为",
    "作为",
    "现有",
    "负责",
    "回顾",
    "下列",
    "下一届",
    "主要",
    "专业",
    "等",
    "了",
    "相关",
    "有关",
    "各类",
    "既有",
    "已有",
    "多边",
    "双边",
    "的",
    "在",
    "及",
    "不得",
    "应当",
    "必须",
    "担任",
    "出任",
    "主持",
    "一个",
    "两个",
    "三个",
    "几个",
    "这些",
    "下次",
    "上次",
    "本届",
    "下届",
    "上届",
    "历届",
    "每届",
    "更多",
    "本章程",
    "本宪章",
    "本条例",
    "本协定",
    "本公约",
    "本办法",
    "本规则",
    "提供",
    "优化",
    "办好",
    "开好",
    "了解",
    "表示",
    "附近",
    "扩建",
    "改建",
    "新建",
    "升级",
    "配合",
    "其他",
    "报送",
    "邀请",
    "列席",
    "派员",
    "具有",
    "藉助",
    "一次",
    "一些",
    "上述",
    "取代",
    "或",
    "恢复",
    "上传",
    "挪用",
    "接入",
    "布局",
    "以",
    "每年",
    "每季度",
    "每月",
    "每周",
    "期间",
    "框架下",
    // A body kept up (`保持｜两国外交部门定期磋商机制`), and a charter's consent
    // (`本章程的修改须经｜联盟大会…`).
    "保持",
    "须经",
    // A body that answers to another, and one among members (`相应｜工作机制`, `成员间｜港口…交换机制`).
    "相应",
    "成员间",
    // A mechanism looked into (`探索｜农产品贸易风险预警机制`).
    "探索",
];

/// Words that say what kind of mechanism a phrase is without naming one: a phrase made of
/// nothing else before its suffix (`沟通协调机制`, `常态化交流平台`, `专门委员会`) is no name.
const GENERIC_WORDS: [&str; 101] = [
    "日常",
    // Border trade, settlement in local currencies, a joint working group's own coordination
    // (`边境贸易本币结算合作机制`, `联合工作组沟通协调机制`).
    "边境贸易",
    "本币结算",
    "联合工作组",
    "区域",
    "口岸",
    "港口",
    "统一",
    "非营利性",
    "开放式",
    "地方",
    "月度",
    "年度",
    "季度",
    "调度",
    "数据",
    "互认",
    "非政府",
    "政府间",
    "区域性",
    "地区性",
    "国际",
    "部长级",
    "会议",
    "协商",
    "争端",
    "专家",
    "咨询",
    "常态化",
    "多层次",
    "全方位",
    "长效",
    "沟通",
    "交流",
    "协调",
    "合作",
    "协作",
    "对话",
    "磋商",
    "会商",
    "联络",
    "工作",
    "定期",
    "常设",
    "专门",
    "专项",
    "有效",
    "务实",
    "高效",
    "稳定",
    "长期",
    "固定",
    "联合",
    "综合",
    "服务",
    "信息",
    "共享",
    "会晤",
    "行业",
    "省级",
    "市级",
    "统筹",
    "部门间",
    "物流",
    "交通",
    "航运",
    "跨境",
    "跨国",
    "实施",
    "评估",
    "行动计划",
    // After `部门间`, which is read first: one side's departments, or none in particular
    // (`跨部门协调机制`, `省直部门协调机制`).
    "跨部门",
    "省直",
    "部门",
    // Set up for the time being (`临时协调机制`).
    "临时",
    // What it is about, with no partner (`经贸合作机制`, `港口铁路运营数据发布机制`).
    "经贸",
    "铁路",
    "运营",
    "发布",
    // Of a general kind, and working together (`一般性合作机制`, `部门协同机制`).
    "一般性",
    "协同",
    // Kept up often, to keep in touch (`经常性联系机制`).
    "经常性",
    "联系",
    // The key ones of a list (`重点合作机制清单`), and a forum's own (`论坛沟通协调机制`).
    "重点",
    "论坛",
    // Customs' (`海关合作机制`), no partner's; between departments or at working level
    // (`厅际工作协调机制`, `工作层沟通协调机制`).
    "海关",
    "厅际",
    "工作层",
    // A project's (`项目协调机制`, `重点项目协调机制`); development's (`发展合作磋商机制`);
    // inspection and quarantine departments' (`两国检验检疫部门合作机制`).
    "项目",
    "发展",
    "检验检疫",
    // Notices' and one province's (`信息通报机制`, `省内工作协调机制`); linked, transport's
    // (`联动协调机制`, `运输协调机制`).
    "通报",
    "省内",
    "联动",
    "运输",
    // Of every field, internal, one region's or maritime, with no partner (`各领域磋商机制`,
    // `自治区内部沟通协调机制`, `海事部门沟通协调机制`, `三省市协调机制`).
    "各领域",
    "内部",
    "自治区",
    "海事",
    "三省市",
    "省市",
];

/// Suffixes that name a particular mechanism only with its partners in the phrase (a place,
/// an organisation, `中国—…`, `中美…`, an acronym): without them they name a kind of thing
/// (`物流中心`, `交流平台`, `专题论坛`, `合作网络`; a charter's own `委员会`:
/// `成员可以书面形式申请退出委员会`). Meetings ask more of their partners: see [`MEETINGS`].
const NAMED_ONLY_WITH_PARTNERS: [&str; 6] = ["平台", "论坛", "网络", "中心", "委员会", "增长三角"];

/// What a network is when it is infrastructure, not a mechanism (`泛欧交通网络`).
const INFRASTRUCTURE: [&str; 27] = [
    // A power grid, telecommunications, a distribution network (`帝力供电网络`,
    // `电信网络`, `中欧班列分拨网络`).
    "供电",
    "电信",
    "分拨",
    "陆路",
    "仓储",
    "干线",
    "支线",
    "互联互通",
    "航运",
    "航道",
    "港口",
    "交通",
    "运输",
    "物流",
    "铁路",
    "公路",
    "航线",
    "管道",
    "电力",
    "通信",
    "基础设施",
    "输变电",
    "电网",
    "光缆",
    "海外仓",
    "道路",
    "联运",
];

/// Suffixes of recurring meetings, expos and joint bodies: named only with a link between partners
/// or a bilateral name (`中国—中亚峰会`, `中日韩领导人会议`, `中国—海合会战略对话`, `中拉企业家理事会`,
/// `中国—东盟博览会`; not `中国国际进口博览会`, a country's own fair);
/// not a national body (`挪威研究理事会`), a session (`…第三届会议`), an event of a forum
/// (`中非合作论坛北京峰会`) or a person's words (`…·…对会议`).
const MEETINGS: [&str; 11] = [
    "博览会",
    "峰会",
    "会晤",
    "会议",
    "对话",
    "联委会",
    "混委会",
    "工作组",
    "理事会",
    "洽谈会",
    "联络组",
];

/// Whether `phrase` before `suffix` is a meeting's, an expo's or a joint body's name (see
/// [`MEETINGS`]). A body's meeting is the body's (`中国—东盟｜会议`), its expo is one of its own
/// (`中国—东盟｜博览会`), and so is a summit of partners linked to a body
/// (`中国—海湾阿拉伯国家合作委员会｜峰会`).
fn names_a_meeting(phrase: &str, suffix: &str) -> bool {
    // The leaders' meeting of partners a join names (`东盟与中日韩｜领导人｜会议`).
    if suffix == "会议"
        && phrase
            .strip_suffix("领导人")
            .is_some_and(|partners| partners.contains('与'))
    {
        return true;
    }
    (phrase.contains('—')
        || is_bilateral(phrase)
        || (GROUPINGS_BODIES.contains(&suffix) && starts_with_a_grouping(phrase)))
        && (suffix == "博览会"
            || (suffix == "峰会" && phrase.contains('—'))
            || !ends_a_body(phrase))
        && !names_a_session(phrase)
        && !(suffix == "会晤" && holds_a_bodys_meeting(phrase))
        && !phrase.contains(['·', '•'])
        // A dialogue's or a forum's session (`中挪北极事务对话｜下一轮｜会议`) is the dialogue's.
        && !["论坛", "机制", "对话"].iter().any(|body| phrase.contains(body))
}

/// Whether a meeting's `phrase` ends with a body and how often it meets: the body's meeting
/// (`云南—泰国北部合作工作组｜定期｜会晤`), whose name is the body's.
fn holds_a_bodys_meeting(phrase: &str) -> bool {
    let body = ["定期", "年度", "例行"]
        .iter()
        .find_map(|w| phrase.strip_suffix(w))
        .unwrap_or(phrase);
    ends_a_body(body) || body.ends_with('组')
}

/// Groupings of states with no organs of their own, whose standing councils and working groups
/// are their members' joint bodies (`金砖国家工商理事会`, `二十国集团能源转型工作组`), as a link
/// between partners names them, and so are their leaders' recurring meetings
/// (`金砖国家领导人会晤`); their other meetings and summits are sessions (`金砖国家外长会议`).
const GROUPINGS: [&str; 6] = ["金砖国家", "二十国集团", "七国集团", "BRICS", "G20", "G7"];

/// The suffixes of a grouping's standing bodies (see [`GROUPINGS`]).
const GROUPINGS_BODIES: [&str; 3] = ["理事会", "工作组", "会晤"];

/// Whether `phrase` starts with a grouping's name (see [`GROUPINGS`]).
fn starts_with_a_grouping(phrase: &str) -> bool {
    GROUPINGS.iter().any(|g| phrase.starts_with(g))
}

/// Whether `text` holds a meeting's number (`…第三届…`, `…第十一次…`): a session, not the
/// recurring meeting or body.
fn names_a_session(text: &str) -> bool {
    text.match_indices('第')
        .any(|(i, _)| ordinal_prefix(&text[i..]) > 0)
}

/// Whether `name` is a standing joint conference of several governments or departments with
/// the matter it coordinates (`西部陆海新通道省际协商合作联席会议`): a mechanism named without
/// partners. A short one is a kind (`部际联席会议`), and so is one of a level of government
/// (`全省…联席会议`, `省级…联席会议`).
fn is_a_joint_conference(name: &str) -> bool {
    // Not a body's session (`中意政府委员会｜第十一次联席会议`): the body is the name.
    !names_a_session(name)
        && name.ends_with("联席会议")
        && name.chars().count() >= 10
        && !name.starts_with(['全', '各', '本'])
        && ![
            "省级", "市级", "县级", "两省", "三省", "两市", "双方", "各方",
        ]
        .iter()
        .any(|w| name.contains(w))
}

/// Whether `name` is a joint working group with the matter it works on
/// (`规划联合工作组`, `寒地农业联合工作组`, `跨里海运输联合工作组`): the partners' standing body,
/// named without them as a joint commission's groups are; not a bare one (`联合工作组`), one
/// named only by generic words (`行动计划联合工作组`: [`is_generic`] is asked of every name) or
/// a meeting's (`对话会联合工作组`). (Nor one its partners are only counted in, set up for the
/// occasion: [`COUNTED_PARTNERS`].)
fn is_a_joint_working_group(name: &str) -> bool {
    name.ends_with("联合工作组")
        && name.chars().count() >= 7
        && !names_a_session(name)
        && !["对话会", "论坛", "会议"].iter().any(|m| name.contains(m))
}

/// Whether `name` is a joint working group's ([`is_a_joint_working_group`]) whose `phrase`
/// (before its suffix) does not only count its partners ([`COUNTED_PARTNERS`]).
fn names_a_joint_working_group(phrase: &str, name: &str) -> bool {
    is_a_joint_working_group(name)
        && !COUNTED_PARTNERS
            .iter()
            .any(|c| phrase.starts_with(c) || phrase.trim_end_matches("联合").ends_with(c))
}

/// Words that count a body's partners without naming them (`三方务实合作联合工作组`), or each
/// of its bodies (`指导各联合工作组`).
const COUNTED_PARTNERS: [&str; 10] = [
    "两国", "三国", "四国", "五国", "双方", "三方", "四方", "多方", "各方", "各",
];

/// What a centre is when it is a facility or a role, not a mechanism (`巴林区域分拨中心`,
/// `科伦坡港口城物流中心`, `中欧班列西安集结中心`, `面向南亚东南亚辐射中心`, a country's `经济中心`, `马德里中国文化中心`).
const FACILITIES: [&str; 42] = [
    // A city's international communication centre (`重庆国际传播中心`).
    "传播",
    "金融",
    // A trading centre or market (`中非可可咖啡交易中心`, `澜湄国家商品交易中心`).
    "交易",
    // An industry's centre (`加蓬石油工业中心`, `丹麦制造业中心`).
    "工业",
    "制造业",
    // A cross-border renminbi centre (`中非跨境人民币中心`) clears payments.
    "人民币",
    "文化",
    "展销",
    "数据",
    "加注",
    "历史",
    "展示",
    "搜救",
    "航运",
    "会议",
    "会展",
    "展览",
    "集结",
    "分拨",
    "配送",
    "集散",
    "转运",
    "仓储",
    "物流",
    "运营",
    "加工",
    "航运服务",
    "冷链",
    "多式联运",
    "联运",
    "负荷",
    "业务",
    "辐射",
    "经济",
    "集装箱",
    "混配",
    "能源",
    // A financial services centre, a building of international bodies (`都柏林国际金融服务中心`,
    // `维也纳国际中心`), a rescue centre (`里斯本海上救援协调中心`), a market
    // (`澜湄国家商品交易中心`), a border zone (`霍尔果斯国际边境合作中心`).
    "金融服务",
    "国际",
    "救援协调",
    "搜救协调",
    "边境合作",
];

/// What a centre does when it is one place's institute or office, a mechanism only when its
/// name links partners or says it serves cooperation (`拉美研究中心`, `北京对外经济研究中心`,
/// `海南旅游推广中心`; not `中国—北欧北极研究中心`, `滇缅跨境电商服务中心`,
/// `湖北省对非经贸合作服务中心`, `海南国际航运交易中心`).
const INSTITUTES: [&str; 17] = [
    "研究",
    "培训",
    "投资",
    "交易",
    "服务",
    "支援",
    "推广",
    "创业",
    "交往",
    "保障",
    "工程",
    "示范",
    "直营",
    "仲裁",
    "传媒",
    "职业培训",
    "事业发展",
];

/// Words after `…组织` that make it a verb, not an organisation's name
/// (`牵头组织｜实施`, `委员会组织｜的培训`, `组织｜“中转集拼”`).
const ORGANISE: [&str; 22] = [
    "友好", "实施", "开展", "召开", "举办", "落实", "编制", "协调", "推动", "专家", "力量", "人员",
    "企业", "的", "优化", "管理", "模式", "方式", "工作", "能力", "方案", "“",
];

/// Verbs whose object is a body a charter names by its short name (`发布｜联盟…`, `维护｜联盟`).
const VERBS_ON_A_BODY: [&str; 11] = [
    "发布", "通报", "维护", "执行", "监督", "加入", "退出", "领导", "代表", "宣传", "损害",
];

/// Words before `组织` that make it a verb (`湖南将｜组织`, `会议期间｜组织`, `会同｜组织`,
/// `广西联合｜组织`, `雅典国立技术大学｜组织`), the organising of freight (`回程货源｜组织`,
/// `海铁联运｜组织`, `天山北坡通道｜组织`), or a national research body (`…科学与工业研究｜组织`);
/// a government's department organises (`广东省商务厅｜组织广东企业…`).
const ORGANISED_BY: [&str; 41] = [
    "联合",
    "通道",
    "厅",
    "局",
    "运输",
    "货源",
    "班列",
    "联运",
    "作业",
    "之间",
    "大学",
    "共",
    "名义",
    "将",
    "期间",
    "并",
    "还",
    "也",
    "要",
    "应",
    "可",
    "愿",
    "会同",
    "负责",
    "共同",
    "积极",
    "定期",
    "统一",
    "分别",
    "每年",
    "适时",
    "继续",
    "正在",
    "计划",
    "协助",
    "研究",
    "多次",
    "每季度",
    "每月",
    "则",
    "季",
];

/// China's initiatives, which name the partners of what is named after them as a place does
/// (`海上丝路港口合作论坛`, `“一带一路”国际合作高峰论坛`).
const INITIATIVES: [&str; 6] = [
    "“一带一路”",
    "一带一路",
    "海上丝绸之路",
    "海上丝路",
    "海丝",
    "丝绸之路",
];

/// Characters that stand for a country or region in a bilateral name (`中美省州长论坛`,
/// `中拉港航人才培训中心`, `中奥经济联合委员会`), after 中.
/// (A [`CharSet`]: asked of most phrases, where a search of the string would cost more.)
static PARTNER_INITIALS: CharSet = CharSet::new(
    "美俄日韩欧非拉阿德法英意加澳奥新巴印越老柬泰缅蒙哈吉塔乌土伊埃以南塞挪爱希葡智墨瑞丹芬荷比匈捷波罗克坦肯尼摩沙卡孟斐厄秘菲朝古委津莫赞纳博格索牙多几乍刚喀赤佛突叙约黎毛冈贝卢马斯苏利黑白汤萨所瓦哥安玻洪",
);

/// Whether `phrase` (before its suffix) is made of [`GENERIC_WORDS`] only, says only how long a
/// mechanism lasts (`农业合作长效机制`), or refers to one named before (`执行本联盟`).
fn is_generic(phrase: &str) -> bool {
    // How long it lasts, or a charter's word for itself (`本联盟`, `该委员会`, `不以联盟…`,
    // `因联盟`, `用于联盟`, `向联盟`).
    if phrase.ends_with("长效") || phrase.ends_with(['本', '该', '以', '此', '因', '于', '向'])
    {
        return true;
    }
    let by_first = generic_words_by_first_character();
    let mut rest = phrase;
    while let Some(first) = rest.chars().next() {
        let word = by_first
            .get(&first)
            .and_then(|words| words.iter().find(|w| rest.starts_with(**w)));
        match word {
            Some(word) => rest = &rest[word.len()..],
            None => return false,
        }
    }
    true
}

/// [`GENERIC_WORDS`] by their first character, each list longest first (`工作层` before `工作`):
/// a phrase is read a word at a time, and most of its characters start none of them.
fn generic_words_by_first_character() -> &'static ByFirstCharacter {
    static BY_FIRST: std::sync::OnceLock<ByFirstCharacter> = std::sync::OnceLock::new();
    BY_FIRST.get_or_init(|| {
        let mut by_first = by_first_character(&GENERIC_WORDS);
        for words in by_first.values_mut() {
            words.sort_by_key(|w| std::cmp::Reverse(w.len()));
        }
        by_first
    })
}

/// Whether the two characters before `at` in `folded` are a verb of [`BEFORE_A_NAME`]
/// (`加密｜呼和浩特`, `加密｜福州`): the name starts after it, whatever sounds the verb's
/// characters also carry.
pub(super) fn verb_before(folded: &str, at: usize) -> bool {
    // The two-character words, in a set: this is asked before many transliterated names.
    static PAIRS: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::OnceLock::new();
    let pairs = PAIRS.get_or_init(|| {
        BEFORE_A_NAME
            .iter()
            .copied()
            .filter(|w| w.chars().count() == 2)
            .collect()
    });
    let from = folded[..at].char_indices().rev().nth(1).map(|(i, _)| i);
    from.is_some_and(|from| pairs.contains(&folded[from..at]))
}

/// The bytes of a two-character verb of [`BEFORE_A_NAME`] that starts at `at` (`支持｜浩罕`,
/// `加密｜福州`), if one does.
pub(super) fn verb_at(folded: &str, at: usize) -> Option<usize> {
    folded[at..]
        .char_indices()
        .nth(2)
        .map(|(i, _)| i)
        .filter(|&i| verb_before(folded, at + i))
}

/// [`BEFORE_A_NAME`] as one automaton: a phrase is read once, not once per word.
pub(super) fn before_a_name() -> &'static aho_corasick::AhoCorasick {
    static WORDS: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    // A DFA, which the crate picks by itself only for 100 words or fewer: every phrase before a
    // suffix is searched, and the NFA cost twice as much there.
    WORDS.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(BEFORE_A_NAME)
            .unwrap_or_else(|e| panic!("the words before a name compile: {e}"))
    })
}

/// The mechanisms, forums and platforms a text names where it stands: the noun phrase that ends
/// with `suffix` (`…机制`, `…论坛`, `…平台`), from after the last verb or joining word before it
/// (see [`BEFORE_A_NAME`]) and never across punctuation. A phrase of fewer than three characters
/// before the suffix (`合作机制`) names no particular one; one that holds a name of the
/// gazetteer already found (`湄公河委员会`) is that name.
pub(super) fn named_in_text<'t>(
    folded: &str,
    tagger: &'t Tagger,
    names: usize,
    whole_item_ends: &[usize],
    out: &mut Vec<Mention<'t>>,
) {
    let Some(finder) = &tagger.suffix_finder else {
        return;
    };
    let names_count = names;
    // The gazetteer's names (the first `names` mentions, in order) and where they end, made
    // only for a block that holds a suffix.
    let mut found_names: Option<Vec<Range<usize>>> = None;
    // The ends of the gazetteer's names, sorted, made only for a block that names a mechanism.
    let mut name_ends: Option<Vec<usize>> = None;
    let mut from = 0;
    let mut previous_end = 0;
    // Whether a 《 is open at `from`: followed forward, so a huge block is read once.
    let mut in_title = false;
    for found in finder.find_iter(folded) {
        // A meeting's mechanism matched whole is its 机制 (see `Tagger::suffix_rule`).
        let at = if found.pattern().as_usize() < tagger.item_suffixes.len() {
            found.start()
        } else {
            found.end() - "机制".len()
        };
        let names: &[Range<usize>] = found_names
            .get_or_insert_with(|| out.iter().take(names).map(|m| m.text.clone()).collect());
        let Some(&rule_index) = tagger.suffix_rule.get(found.pattern().as_usize()) else {
            continue;
        };
        let (Some(rule), Some(name)) = (
            tagger.rules.entities.get(rule_index),
            tagger.entity_rules.get(rule_index),
        ) else {
            continue;
        };
        let (kind, rule) = (rule.kind.as_str(), name.as_str());
        in_title = title_open_after(&folded[from..at], in_title);
        let end = found.end();
        from = at;
        // A suffix that another one follows is part of a longer name (`…对话｜机制`): that one
        // is found on its own. A body's meeting is the body's (`中挪经贸联合委员会｜会议`), and so
        // is a committee's mechanism.
        // An expo's or a forum's platform is the expo or the forum (`中俄博览会｜平台`,
        // `中国—东北亚博览会｜合作平台`).
        if &folded[at..end] == "平台"
            && ["博览会", "论坛", "博览会合作", "论坛合作"]
                .iter()
                .any(|w| folded[..at].ends_with(w))
        {
            continue;
        }
        // `机制化` is a verb (`将…论坛｜机制化`): no suffix, and none after a name.
        let makes_a_verb = |at: usize| folded[at..].starts_with("机制化");
        if makes_a_verb(at) {
            continue;
        }
        // 机制 that words run into from both sides is none (`飞机｜制造`). (Not other suffixes:
        // their characters make words with the text's more often than not, `合作｜对话会｜上`.)
        // Not after 磋商 or 协商, whose 商 the word 商机 runs across (`定期磋商｜机制｜作用`).
        if &folded[at..end] == "机制"
            && standing::ends_inside_a_word(folded, at, end)
            && standing::crosses_a_word(folded, at, end)
            && !folded[..at].ends_with("磋商")
            && !folded[..at].ends_with("协商")
        {
            continue;
        }
        if folded[end..]
            .chars()
            .next()
            .is_some_and(|c| tagger.suffix_starts.contains(&c))
            && !makes_a_verb(end)
            && finder
                .find(aho_corasick::Input::new(folded).range(end..folded.len().min(end + 9)))
                .is_some_and(|next| next.start() == end && !folded[end..].starts_with("会议"))
            // A committee's mechanism is the committee (`中俄投资合作委员会｜机制`), and an
            // expo's or a forum's platform the expo or the forum (`中俄博览会｜平台`).
            && !(&folded[at..end] == "委员会" && folded[end..].starts_with("机制"))
            && !(matches!(&folded[at..end], "博览会" | "论坛") && folded[end..].starts_with("平台"))
        {
            continue;
        }
        let after_previous = previous_end;
        // A name that reads on past its suffix (`上合组织｜交通部长会议机制`) may be the start
        // of the next one; one followed by a joining word or punctuation ends it, and so does
        // one followed by its own session (`中国—南亚合作论坛｜分论坛`: the forum's).
        let reads_on = folded[end..].chars().next().is_some_and(|c| {
            annotext_parser::is_hanzi(c) && !matches!(c, '和' | '及' | '与' | '、' | '等')
        }) && !folded[end..].starts_with("分论坛");
        if !reads_on {
            previous_end = end;
        }
        // A title in 《》 names a document, not the mechanism in its words.
        if in_title {
            continue;
        }
        // Back over the phrase: hanzi, dashes and Latin words, up to punctuation (a phrase is
        // short: a longer run is no name).
        let mut start = at;
        // Inside a partner's bracketed part (`中国（山东）—…联盟`): read over, to its opening.
        let mut in_brackets = false;
        for (i, c) in folded[..at].char_indices().rev().take(64) {
            // Digits end it (`2025年｜…论坛`), and so does the suffix of a mechanism before
            // (`…论坛和｜…论坛`).
            if i < after_previous {
                break;
            }
            if in_brackets {
                if c == '（' {
                    in_brackets = false;
                    start = i;
                } else if !annotext_parser::is_hanzi(c) {
                    break;
                }
            } else if c == '）'
                && (folded[i + c.len_utf8()..].starts_with('—')
                    // A Congo named by its capital (`中国—刚果（金）｜经贸联合委员会`).
                    || folded[..i].ends_with("（金")
                    || folded[..i].ends_with("（布"))
            {
                in_brackets = true;
            } else if annotext_parser::is_hanzi(c)
                || c.is_ascii_alphabetic()
                || matches!(c, '—' | '-' | '·')
            {
                start = i;
            } else {
                break;
            }
        }
        // A bracket left open is no partner's part: the phrase starts after it.
        if folded[start..at].starts_with('—') {
            start += '—'.len_utf8();
        }
        // A charter's alliance named by its short name after a verb of what its members do
        // with it (`编制并发布｜联盟年度报告`, `向其通报｜联盟`, `维护｜联盟声誉`) is no new name.
        if &folded[at..end] == "联盟"
            && VERBS_ON_A_BODY
                .iter()
                .any(|v| folded[start..at].ends_with(v))
        {
            continue;
        }
        // A meeting is named only with a link or a bilateral name (see [`MEETINGS`]): most
        // `…会议` are not, and need not be read further.
        let a_groupings_body = GROUPINGS_BODIES.contains(&&folded[at..end])
            && GROUPINGS.iter().any(|g| folded[start..at].contains(g));
        if MEETINGS.contains(&&folded[at..end])
            && !has_partner_marks(&folded[start..at])
            && !a_groupings_body
            && !is_a_joint_conference(&folded[start..end])
            && !is_a_joint_working_group(&folded[start..end])
        {
            continue;
        }
        // After the last word that joins it to the sentence, and from the first name after
        // that (`挖掘｜中国—中亚电子商务合作对话机制`).
        let phrase = &folded[start..at];
        // A verb inside a name is the name's (`东非共同体` holds 共同), and so is a join between
        // partners linked by a dash (`中国—南高加索及｜黑海国家…论坛`).
        let phrase_at = start;
        let joins_partners = |m: &aho_corasick::Match| {
            &phrase[m.range()] == "及"
                && names
                    .iter()
                    .any(|n| n.end == phrase_at + m.start() && folded[..n.start].ends_with('—'))
        };
        // Nor a word right after a bilateral name, which is the name's (`中越｜双边合作指导委员会`).
        let after_partners = |m: &aho_corasick::Match| {
            let before = &phrase[..m.start()];
            [2, 3].iter().any(|&n| {
                before
                    .char_indices()
                    .rev()
                    .nth(n - 1)
                    .is_some_and(|(i, _)| is_bilateral(&before[i..]))
            })
        };
        // Nor `双边` or `多边` right after partners a dash links (`中国—新加坡｜双边合作联合委员会`).
        let after_linked_partners = |m: &aho_corasick::Match| {
            matches!(&phrase[m.range()], "双边" | "多边")
                && phrase[..m.start()].contains('—')
                && names.iter().any(|n| n.end == phrase_at + m.start())
        };
        if let Some(cut) = before_a_name()
            .find_overlapping_iter(phrase)
            .filter(|m| {
                !joins_partners(m)
                    && !after_partners(m)
                    && !after_linked_partners(m)
                    && !names
                        .iter()
                        .any(|n| n.start <= phrase_at + m.start() && n.end >= phrase_at + m.end())
            })
            .map(|m| m.end())
            .max()
        {
            start += cut;
        }
        // A mechanism reported to (`定期向｜两国外交部门定期磋商机制报告`); not a direction the
        // name holds (`渝滇藏南向｜开放协作机制`, `西向通道`). Only a mechanism's phrase is
        // searched: most suffixes are no 机制.
        if let Some(cut) = (&folded[at..end] == "机制")
            .then(|| folded[start..at].rfind('向'))
            .flatten()
            .filter(|&i| {
                !folded[start..start + i]
                    .ends_with(['东', '南', '西', '北', '双', '导', '走', '方', '流', '转'])
            })
        {
            start += cut + '向'.len_utf8();
        }
        // Two bodies joined (`北欧部长理事会和｜国际北极科学委员会`): from after the last
        // 和 or 及 that follows a body's name or a mechanism or organisation of the gazetteer
        // (`澜沧江—湄公河合作和｜中国—南亚合作论坛`, `中国—东盟信息港和｜…论坛`), or after the
        // last 和, 及 or 与 that a bilateral name follows (`北海能源合作和｜中欧能源对话`).
        if let Some(cut) = folded[start..at]
            .rmatch_indices(['和', '及', '与'])
            .find(|&(i, join)| {
                is_bilateral(&folded[start + i + join.len()..at])
                    || (join != "与"
                        && (ends_a_body(&folded[start..start + i])
                            || out.iter().take(names_count).any(|n| {
                                n.text.end == start + i
                                    && matches!(n.kind, "mechanism" | "organisation")
                            })))
            })
            .map(|(i, join)| i + join.len())
        {
            start += cut;
        }
        // Two functions joined (`境外项目风险评估和｜应急协调机制`): a mechanism is named by
        // what follows the last 和 when what comes before names no partner (`中国—东盟…和…`,
        // `马六甲海峡和新加坡海峡合作机制` keep theirs).
        if &folded[at..end] == "机制" {
            if let Some(cut) = folded[start..at].rfind('和') {
                let before = &folded[start..start + cut];
                // The names are in order: the first at or after the phrase's start.
                let holds_a_name = names
                    .get(names.partition_point(|n| n.start < start))
                    .is_some_and(|n| n.start < start + cut);
                if !names_partners(before, holds_a_name) {
                    start += cut + '和'.len_utf8();
                }
            }
        }
        // Two organisations joined (`金砖国家和｜经济合作组织`): from after the last 和 that is
        // no name's (`和平`).
        if &folded[at..end] == "组织" {
            if let Some(cut) = folded[start..at]
                .rmatch_indices('和')
                .find(|(i, _)| {
                    let i = start + i;
                    !folded[i..].starts_with("和平")
                        && !folded[i..].starts_with("和谐")
                        && !names.iter().any(|n| n.start <= i && n.end > i)
                })
                .map(|(i, j)| i + j.len())
            {
                start += cut;
            }
        }
        // Two events held together (`中国—南亚博览会暨｜第九届中国—南亚合作论坛`): each is named
        // apart, the second from after 暨; not one forum's name that holds 暨
        // (`金砖国家友好城市暨地方政府合作论坛`).
        // Only an event is held together with another (most suffixes name none: searching
        // every phrase for 暨 cost more than the rest of this).
        // An alliance launched at a forum is named apart too (`…合作网络论坛暨｜中马港口联盟`).
        let event =
            folded[at..end].ends_with('会') || matches!(&folded[at..end], "论坛" | "对话" | "联盟");
        if let Some(cut) = event
            .then(|| folded[start..at].rfind('暨'))
            .flatten()
            .filter(|&cut| {
                ["博览会", "论坛", "峰会", "会议", "对话", "大会", "洽谈会"]
                    .iter()
                    .any(|e| folded[start..start + cut].ends_with(e))
            })
        {
            start += cut + '暨'.len_utf8();
        }
        // Two mechanisms joined (`东盟地区论坛和｜中国—东盟应急协调机制`): from the last name
        // that follows a joining word.
        let first_name = names.partition_point(|n| n.start < start);
        // Not a name joined to a name right before it (`拉美和加勒比`): one name's parts; nor
        // one 与 joins to partners a dash links (`中国—波罗的海港口与｜北极航运合作联盟`), unless
        // a body ends before it (`中国—东盟博览会秘书处与｜泰国投资促进委员会`).
        let joined = names[first_name..]
            .iter()
            .take_while(|n| n.end <= at)
            .filter(|n| {
                let mut before = folded[..n.start].char_indices().rev();
                // (Or 同, with: `中共体同｜中国—中部非洲国家经贸合作论坛`.)
                let joins = before
                    .next()
                    .filter(|(_, c)| matches!(c, '和' | '及' | '、' | '等' | '与' | '與' | '同'));
                joins.is_some_and(|(j, c)| {
                    let through_partners = c == '与'
                        && folded
                            .get(start..j)
                            .is_some_and(|t| t.contains('—') && !ends_a_body(t));
                    // Nor a name's last character (`中国—埃及｜苏伊士运河…`: 及 ends 埃及). A body
                    // with (同) partners is no name's part, right after a name too.
                    !names.iter().any(|other| {
                        (other.end == j && c != '同') || (other.start <= j && other.end > j)
                    }) && !through_partners
                })
            })
            .map(|n| n.start)
            .last();
        // A name that starts with its initiative starts there (`海上丝绸之路港口合作宁波论坛`,
        // `“一带一路”国际合作高峰论坛`), not at the place inside it.
        if folded[..start].ends_with("“一带一路”") {
            start -= "“一带一路”".len();
        }
        let phrase_start = start;
        let initiative = INITIATIVES.iter().any(|i| folded[start..at].starts_with(i));
        let first = names
            .get(first_name)
            .filter(|n| n.end <= at)
            .map(|n| n.start);
        if let Some(from) = joined.or(first).filter(|_| !initiative) {
            start = from;
        }
        // China before a province in brackets is the name's (`中国（山东）—…联盟`), though no
        // name of its own there.
        if folded[..start].ends_with("中国（") && start >= phrase_start + "中国（".len() {
            start -= "中国（".len();
        }
        // A rim, a span or a part of the place is part of the name (`环｜印度洋…论坛`,
        // `泛｜北极…`, `中部｜非洲森林委员会`, `保护｜莱茵河国际委员会`).
        if start > phrase_start {
            if let Some(part) = [
                "环", "泛", "跨", "保护", "中部", "东部", "西部", "南部", "北部",
            ]
            .iter()
            .find(|p| folded[phrase_start..start].ends_with(**p))
            {
                start -= part.len();
            }
        }
        // Partners linked by a dash before the first name are the name's (`滇桂—｜湄公河…联盟`).
        if start > phrase_start
            && folded[phrase_start..start].ends_with('—')
            && !folded[phrase_start..start].starts_with('—')
            && folded[phrase_start..start].chars().count() <= 5
        {
            start = phrase_start;
        }
        // China's 中 right before the partner's name is the partners' (`中｜印尼高级别对话…`).
        if start >= phrase_start + '中'.len_utf8() && folded[..start].ends_with('中') {
            start -= '中'.len_utf8();
        }
        // A bilateral name inside a phrase that names nothing before it starts the name
        // (`本计划所列项目由｜中葡蓝色伙伴关系合作委员会`).
        let names_from = names.partition_point(|n| n.start < start);
        let holds_no_name = names.get(names_from).is_none_or(|n| n.start >= at);
        if holds_no_name {
            let bilateral = start + bilateral_at(&folded[start..at]).unwrap_or(0);
            // Partners' initials before China's 中 are the name's too (`孟｜中印缅…论坛`).
            let initials: usize = folded[start..bilateral]
                .chars()
                .rev()
                .take_while(|c| PARTNER_INITIALS.contains(*c))
                .take(2)
                .map(char::len_utf8)
                .sum();
            start = bilateral - initials;
        }
        // A bilateral name right before the first name is the partners' (`中俄｜北极航道联合研究中心`,
        // `中日韩｜北极事务高级别对话`, `中老缅泰｜湄公河流域执法安全合作机制`).
        if let Some(partners) = (2..=5)
            .map(|n| n * '中'.len_utf8())
            // Not inside a character: the phrase may hold Latin letters and `·`.
            .filter(|&b| start >= phrase_start + b && folded.is_char_boundary(start - b))
            .find(|&b| {
                is_bilateral(&folded[start - b..at])
                    && folded[start - b + '中'.len_utf8()..start]
                        .chars()
                        .all(|c| PARTNER_INITIALS.contains(c))
            })
        {
            start -= partners;
        }
        // Never from inside a name (`波罗的｜海国家…联盟` after a bracket): from its start.
        if let Some(name) = names.iter().find(|n| n.start < start && n.end > start) {
            start = name.start;
        }
        // A word that joins it to the one before is not part of it (`…机制和｜…平台`), nor a
        // meeting's number (`第五届｜中美省州长论坛`).
        while let Some(c) = folded[start..at]
            .chars()
            .next()
            .filter(|c| matches!(c, '和' | '与' | '及' | '并' | '、' | '由'))
        {
            start += c.len_utf8();
        }
        start += ordinal_prefix(&folded[start..at]);
        let phrase = &folded[start..at];
        let length = phrase.chars().count();
        // A phrase that ends with a joining word lists kinds of things (`政策沟通与｜机制`).
        // A forum's, a summit's or an expo's short name is its partners' (`中拉论坛`, `中欧峰会`,
        // `中俄博览会`).
        let short_forum = length == 2
            && ["论坛", "峰会", "博览会"].contains(&&folded[at..end])
            && is_bilateral(phrase);
        // A name that starts with two places joined may run long (`马六甲海峡和新加坡海峡航行安全
        // 与环境保护合作机制`); other phrases that long are sentences, or a mechanism's session
        // (`…合作机制｜第十八次合作论坛`).
        let first_at = names.partition_point(|n| n.start < start);
        let two_joined = !folded[start..at].contains('第')
            && matches!(
                names.get(first_at..first_at + 2),
                Some([a, b]) if a.start == start
                    && folded[a.end..].starts_with('和')
                    && b.start == a.end + '和'.len_utf8()
            );
        let longest = if two_joined { 24 } else { 20 };
        if !((3..=longest).contains(&length) || short_forum)
            || is_generic(phrase)
            || phrase.ends_with(['与', '和', '及', '、', '由', '被'])
        {
            continue;
        }
        let suffix = &folded[at..end];
        // One Chinese province's or town's kind of mechanism (`云南省｜常态化交流平台`) names
        // none.
        if out.iter().take(names_count).any(|n| {
            n.text.start == start
                && n.text.end < at
                && is_a_chinese_place_in_full(folded, n)
                && is_generic(&folded[n.text.end..at])
        }) {
            continue;
        }
        // 组织 right after a place is the verb (`依托芜湖港｜组织铜材出口`): no organisation is
        // named after a port, a town or a province alone (an organisation's name before it is
        // its own, `西非电力联营｜组织`).
        if suffix == "组织"
            && out.iter().take(names_count).any(|m| {
                m.text.end == at && ["city", PLACE, "province", DIVISION].contains(&m.kind)
            })
        {
            continue;
        }
        let names_one = initiative
            || names_partners(
                phrase,
                names
                    .iter()
                    .any(|n| n.start >= start && n.end <= at && is_a_partner(&folded[n.clone()])),
            );
        // A network is a mechanism only when it is not infrastructure (`泛欧交通网络`); a
        // platform, forum, network or centre only when it names its partners
        // (`中国—中亚物流中转中心`, not `物流中心`, `水资源专题论坛`, `数据共享平台`).
        if (MEETINGS.contains(&suffix)
            && !names_a_meeting(phrase, suffix)
            && !is_a_joint_conference(&folded[start..end])
            && !names_a_joint_working_group(phrase, &folded[start..end]))
            || (suffix == "网络" && INFRASTRUCTURE.iter().any(|w| phrase.ends_with(w)))
            || (suffix == "中心" && FACILITIES.iter().any(|w| phrase.ends_with(w)))
            || (suffix == "中心"
                && INSTITUTES.iter().any(|w| phrase.ends_with(w))
                && !has_partner_marks(phrase)
                // Provinces' initials, not a town's name (`宁波｜海事局培训中心`).
                && (!starts_with_provinces(phrase) || names.iter().any(|n| n.start == start))
                && !phrase.contains("合作")
                // A framework's or an organisation's centre serves its partners
                // (`澜湄职业教育培训中心`, `上合组织交通运输培训中心`).
                && !PARTNERS_BY_ABBREVIATION.iter().any(|p| phrase.starts_with(p))
                && !out
                    .iter()
                    .take(names_count)
                    .any(|n| n.kind == "organisation" && n.text.start == start)
                // An international arbitration or research centre is one place's still
                // (`香港国际仲裁中心`, `上海国际航运研究中心`).
                && (!phrase.contains("国际") || phrase.ends_with("仲裁") || phrase.ends_with("研究")))
            || (NAMED_ONLY_WITH_PARTNERS.contains(&suffix) && !names_one)
        {
            continue;
        }
        // A country's chambers of commerce and federations of industry (`孟加拉国工商会联合会`,
        // `缅甸工商联合会`, `丹麦工业联合会`) are a national body, no mechanism.
        if suffix == "联合会" && ["工商", "商会", "工业"].iter().any(|w| phrase.contains(w))
        {
            continue;
        }
        if (suffix == "委员会" || suffix == "会议")
            && is_a_places_own(folded, phrase, start..at, out.iter().take(names_count))
        {
            continue;
        }
        // Whether the phrase is exactly a name of the gazetteer of one of `kinds`.
        let is_a_name_of = |kinds: &[&str]| {
            out.iter()
                .take(names_count)
                .any(|n| kinds.contains(&n.kind) && n.text == (start..at))
        };
        // A forum's session by theme or region (`依托博鳌亚洲论坛设立｜印度洋岛国分论坛`,
        // `中国—拉共体论坛地方合作分论坛`) is the forum's, no mechanism of its own.
        if suffix == "论坛" && phrase.ends_with('分') {
            continue;
        }
        // A centre's branch (`约旦分中心`, `贵州分中心`) is part of the centre, no mechanism; a
        // place's centre is where it is (`位于｜加勒比海中心`).
        if suffix == "中心"
            && (phrase.ends_with('分')
                // A country's geographic centre (`位于印度地理｜中心`) is a point on its map, and
                // a town's or a village's centre its middle (`钱凯镇｜中心`, `团结村｜中心`).
                || phrase.ends_with("地理")
                || phrase.ends_with(['市', '镇', '村'])
                || is_a_name_of(&[
                    "feature", "city", "region", "country", "division", "province",
                ]))
        {
            continue;
        }
        // A body's platform is the body (`借助｜上海合作组织｜平台`), and so is its annual
        // meeting's (`博鳌亚洲论坛｜年会平台`): no platform of its own. A grouping's or a forum's
        // bare mechanism is the grouping or the forum (`金砖国家｜机制`, `中非合作论坛｜机制`; a
        // cooperation's is its name: `澜湄合作机制`).
        if (suffix == "平台"
            && (phrase.ends_with("年会")
                || is_a_name_of(&["organisation"])
                || (["博览会", "论坛", "峰会"].iter().any(|e| phrase.ends_with(e))
                    && is_a_name_of(&["mechanism"]))))
            // A dialogue's annual meeting is the dialogue's (`战略对话｜年度会议`).
            || (suffix == "会议" && phrase.ends_with("年度"))
            // An alliance's or a body's joint meeting is the body's (`中马港口联盟｜年度联席会议`).
            || (suffix == "会议"
                && phrase
                    .strip_suffix("联席")
                    .map(|p| p.strip_suffix("年度").unwrap_or(p))
                    .is_some_and(ends_a_body))
            || (suffix == "机制"
                && (is_a_name_of(&["organisation"])
                    || (phrase.ends_with("论坛") && is_a_name_of(&["mechanism"]))
                    // A committee's mechanism is the committee (`政府间合作委员会｜机制`).
                    || phrase.ends_with("委员会")))
        {
            continue;
        }
        // `组织` that a body or a lead does (`委员会组织的培训`, `牵头组织实施`): a verb; and
        // organised crime (`跨国有组织犯罪`).
        // A Chinese province or town before it organises (`湖南省｜组织100名…`).
        if suffix == "组织"
            && (ends_a_body(phrase)
                || (phrase.ends_with(['省', '市']) && is_a_name_of(&["province", "city"]))
                || phrase.ends_with("牵头")
                || phrase.ends_with('有')
                || ORGANISED_BY.iter().any(|w| phrase.ends_with(w))
                || ORGANISE.iter().any(|w| folded[end..].starts_with(w)))
        {
            continue;
        }
        // A commission of a river, a lake or an ocean is a standing organisation
        // (`多瑙河委员会`, `赞比西河流域委员会`, `印度洋委员会`, `莱茵河航运中央委员会`), also
        // after a joining word (`重庆与｜印度洋委员会`): from the feature's name.
        let commission = (suffix == "委员会")
            .then(|| {
                out.iter().take(names_count).find(|n| {
                    n.kind == FEATURE
                        && n.text.end <= at
                        && (n.text.start == start
                            || (n.text.start > start
                                && folded[start..n.text.start].ends_with(['和', '与', '及'])))
                        && ["", "流域", "国际", "航运中央", "流域国际"]
                            .contains(&&folded[n.text.end..at])
                })
            })
            .flatten()
            .map(|n| n.text.start);
        let kind = if let Some(from) = commission {
            // An international commission says so before its river (`国际｜萨瓦河流域委员会`).
            start = if folded[..from].ends_with("国际") {
                from - "国际".len()
            } else {
                from
            };
            "organisation"
        } else {
            kind
        };
        // A name of the gazetteer that ends here is that name (`湄公河委员会`), and a phrase
        // found by another suffix's pass is found once. (The suffixes are found left to right,
        // so no two of this pass end at one place.)
        let name_ends = name_ends.get_or_insert_with(|| {
            let mut ends: Vec<usize> = names.iter().map(|n| n.end).collect();
            ends.sort_unstable();
            ends
        });
        if name_ends.binary_search(&end).is_ok() || whole_item_ends.contains(&end) {
            continue;
        }
        // A suffix inside a name of the gazetteer is that name's (`上合组织｜秘书处`), and a
        // phrase that counts names a kind of thing (`六个原住民组织`, `多家国际航运组织`).
        // (The names are sorted by where they start and do not overlap: only the last one to
        // start before the suffix may hold it.)
        let holder = names.partition_point(|n| n.start < at).checked_sub(1);
        // A count after a place is one too (`杭州｜一家跨境电商平台`).
        let counts_after_a_place = || {
            names
                .get(names.partition_point(|n| n.start < start))
                .is_some_and(|n| n.start == start && n.end < at && counts(&folded[n.end..at]))
        };
        if holder
            .and_then(|k| names.get(k))
            .is_some_and(|n| n.end > end)
            || counts(phrase)
            || counts_after_a_place()
        {
            continue;
        }
        out.push(Mention {
            kind,
            text: start..end,
            canonical: None,
            rule,
            offset: start,
        });
    }
}

/// Whether `phrase` starts with a count (`六个`, `多家`, `两类`, `若干`).
fn counts(phrase: &str) -> bool {
    let mut chars = phrase.chars();
    match (chars.next(), chars.next()) {
        (Some('若'), Some('干')) => true,
        // `matches!`, not a search of a string of them: this is asked of most phrases.
        (Some(n), Some(unit)) => {
            matches!(
                n,
                '一' | '二'
                    | '三'
                    | '四'
                    | '五'
                    | '六'
                    | '七'
                    | '八'
                    | '九'
                    | '十'
                    | '两'
                    | '几'
                    | '多'
                    | '数'
                    | '各'
            ) && matches!(unit, '个' | '家' | '类' | '种' | '项' | '批')
        }
        _ => false,
    }
}

/// Whether a title in 《》 is open after `text`, given whether one was open before it: the last
/// title mark in it decides. Both marks start with the byte 0xE3, which starts only CJK
/// punctuation and rare characters in UTF-8 and is never a continuation byte, so the text is
/// searched for that byte, not read character by character.
fn title_open_after(text: &str, open_before: bool) -> bool {
    let bytes = text.as_bytes();
    let mut end = bytes.len();
    while let Some(i) = memchr::memrchr(0xE3, &bytes[..end]) {
        // 《 is E3 80 8A, 》 E3 80 8B.
        match bytes.get(i + 1..i + 3) {
            Some([0x80, 0x8A]) => return true,
            Some([0x80, 0x8B]) => return false,
            _ => end = i,
        }
    }
    open_before
}

/// The bytes of a meeting's number at the start of `phrase` (`第五届`, `第3次`), or 0.
fn ordinal_prefix(phrase: &str) -> usize {
    let Some(rest) = phrase.strip_prefix('第') else {
        return 0;
    };
    let digits = rest
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || "一二三四五六七八九十百零〇两".contains(*c)))
        .map_or(rest.len(), |(i, _)| i);
    match rest[digits..].chars().next() {
        Some(c @ ('届' | '屆' | '次')) if digits > 0 => '第'.len_utf8() + digits + c.len_utf8(),
        _ => 0,
    }
}

/// Whether a commission or a meeting named by the phrase at `phrase_at` (`names`: the gazetteer's
/// names of the block) is one place's own, no mechanism: a Chinese province's, region's or
/// city's, named in full (`上海市交通委员会`, `青海省发展和改革委员会`,
/// `宁夏回族自治区卫生健康委员会`: a department of its government; `重庆市对拉美经贸合作联席会议`),
/// a country's or a division's named alone, with no partner beside it (`埃塞俄比亚投资委员会`: a
/// national body; `奥罗米亚州投资委员会`), or a people's committee, a Vietnamese or Lao
/// province's or city's government (`岘港市人民委员会`), which names its place like `…人民政府`.
fn is_a_places_own<'a, 't: 'a>(
    folded: &str,
    phrase: &str,
    phrase_at: Range<usize>,
    names: impl Iterator<Item = &'a Mention<'t>> + Clone,
) -> bool {
    if phrase.ends_with("人民") {
        return true;
    }
    // Partners linked name a joint body (`山东省—庆尚南道经贸合作联席会议`).
    if has_partner_marks(phrase) {
        return false;
    }
    let chinese = names
        .clone()
        .any(|n| n.text.start == phrase_at.start && is_a_chinese_place_in_full(folded, n));
    if chinese {
        return true;
    }
    let mut inside =
        names.filter(|n| n.text.start >= phrase_at.start && n.text.end <= phrase_at.end);
    matches!(
        (inside.next(), inside.next()),
        (Some(only), None) if matches!(only.kind, "country" | DIVISION)
            && only.text.start == phrase_at.start
    )
}

/// Whether a mention is a Chinese province, region or town named in full (`云南省`, `上海市`,
/// `宁夏回族自治区`): what it names before a body's kind is its own government's.
fn is_a_chinese_place_in_full(folded: &str, mention: &Mention) -> bool {
    let name = &folded[mention.text.clone()];
    matches!(mention.kind, "province" | "city")
        && (name.ends_with(['市', '省']) || name.ends_with("自治区"))
}

/// Whether `text` ends with the name of a body or mechanism (`…理事会`, `…联盟`, `…组织`), or with
/// a system of rules that a list joins one to (`…评估制度和｜应急协调机制`).
fn ends_a_body(text: &str) -> bool {
    const BODIES: [&str; 17] = [
        "会", "盟", "组织", "机制", "论坛", "平台", "中心", "署", "局", "银行", "基金", "网络",
        "处", "机构", "政府", "部门", "制度",
    ];
    BODIES.iter().any(|b| text.ends_with(b))
}

/// Whether a name of the gazetteer in a phrase names a partner: China alone names none
/// (`中国电商平台`, `中国文化中心`), China and another do (`中国—东盟…`).
pub(super) fn is_a_partner(name: &str) -> bool {
    name != "中国"
}

/// Whether `phrase` names the partners of what it names: it holds a name of the gazetteer
/// (`holds_a_name`), a link between partners (`中国—东盟`), an acronym, or starts as a bilateral
/// name (`中美…`, `中拉…`).
pub(super) fn names_partners(phrase: &str, holds_a_name: bool) -> bool {
    holds_a_name
        || starts_with_provinces(phrase)
        || PARTNERS_BY_ABBREVIATION
            .iter()
            .any(|p| phrase.starts_with(p))
        || phrase.contains('—')
        || phrase.chars().any(|c| c.is_ascii_uppercase())
        || is_bilateral(phrase)
        || after_partner_initials(phrase)
}

/// Whether `phrase` starts with one or two partners' initials before a bilateral name
/// (`孟中印缅…`: Bangladesh, China, India, Myanmar).
fn after_partner_initials(phrase: &str) -> bool {
    phrase.char_indices().skip(1).take(2).any(|(i, _)| {
        phrase[..i].chars().all(|c| PARTNER_INITIALS.contains(c)) && is_bilateral(&phrase[i..])
    })
}

/// Cooperation frameworks written by their abbreviation, which name their partners as a
/// country's name does (`澜湄水资源合作中心`: Lancang–Mekong).
const PARTNERS_BY_ABBREVIATION: [&str; 1] = ["澜湄"];

/// The one-character names of China's province-level divisions (`闽`, `台`, `滇`, `桂`).
static PROVINCE_INITIALS: CharSet =
    CharSet::new("京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川蜀贵黔云滇藏陕秦甘陇青宁新港澳台蒙");

/// Whether `phrase` starts with two provinces' one-character names, or a province's and a
/// partner's, which name the partners of a regional body (`闽台港航合作交流中心`, `滇桂…`).
fn starts_with_provinces(phrase: &str) -> bool {
    let mut chars = phrase.chars();
    let (Some(first), Some(second)) = (chars.next(), chars.next()) else {
        return false;
    };
    // Or a province and a partner country (`湘莫…委员会`, `滇缅…中心`); not a province's south
    // (`赣南`, `闽南`).
    PROVINCE_INITIALS.contains(first)
        && (PROVINCE_INITIALS.contains(second)
            || (PARTNER_INITIALS.contains(second) && second != '南'))
}

/// Whether `text` holds a link between partners (`—`) or a bilateral name (`中美`) anywhere.
fn has_partner_marks(text: &str) -> bool {
    text.contains('—') || bilateral_at(text).is_some()
}

/// Where the first bilateral name in `text` starts (`中美…`), if any.
fn bilateral_at(text: &str) -> Option<usize> {
    text.match_indices('中')
        .map(|(i, _)| i)
        .find(|&i| is_bilateral(&text[i..]))
}

/// Whether `phrase` starts as a bilateral name: 中 and a partner's initial (`中美…`, `中拉…`).
fn is_bilateral(phrase: &str) -> bool {
    let mut chars = phrase.chars();
    chars.next() == Some('中') && chars.next().is_some_and(|c| PARTNER_INITIALS.contains(c))
}

#[cfg(test)]
mod tests {
    use super::title_open_after;

    #[test]
    fn the_last_title_mark_says_whether_a_title_is_open() {
        assert!(title_open_after("见《中国—中亚", false));
        assert!(!title_open_after("《宣言》和", true));
        assert!(title_open_after("》后又《", false));
        // Other punctuation that starts with the same byte (、。「) changes nothing.
        assert!(title_open_after("、。「」〈", true));
        assert!(!title_open_after("、。「」〈", false));
        assert!(!title_open_after("", false));
    }
}
