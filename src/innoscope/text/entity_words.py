"""The words of entity names in Chinese reports: head words by type, predicates that end a name on the
left, generic words that do not make a name, and agencies without a head word.

A name whose modifier is made of generic words only (``公立医院``, ``国家制造业创新中心``,
``公共文化设施``) is a category, not an actor; one whose head is followed by a word that
continues the phrase (``…特区精神``, ``…中心城市``, ``…专项债券``) is not a name either.
"""

from __future__ import annotations

__all__ = [
    "ADMIN_WORDS",
    "AGENCIES",
    "CAMPAIGN_VERBS",
    "CONTINUES",
    "CONTINUES_LIST",
    "GENERIC",
    "GENERIC_PREFIX",
    "GENERIC_WORDS",
    "HEADS",
    "INTERNAL",
    "PLATFORM_AFTER",
    "STOP",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


HEADS: dict[str, tuple[str, ...]] = {
    "organization": (
        "国家实验室",
        "重点实验室",
        "实验室",
        "研究院",
        "研究所",
        "研究中心",
        "创新中心",
        "工程中心",
        "中心",
        "大学",
        "学院",
        "集团",
        "联盟",
        "协会",
        "学会",
        "基金会",
        "科学院",
        "分院",
        "工研院",
        "医院",
        "公司",
        "银行",
        "交易所",
        "委员会",
    ),
    "programme": ("计划", "专项", "工程"),
    "facility": ("装置", "设施", "光源", "望远镜", "天文馆", "博物馆", "科技馆", "纪念馆"),
    "event": ("论坛", "大会", "研讨会", "博览会", "交易会", "进博会", "峰会", "科技节", "展演", "年会"),
    "place": (
        "走廊",
        "集聚区",
        "创新园",
        "科学城",
        "示范区",
        "试验区",
        "自贸区",
        "新区",
        "街区",
        "经济圈",
        "开发区",
        "高新区",
        "科技园",
        "示范基地",
        "湾区",
        "特区",
    ),
    "award": ("奖",),
}

# Predicates and function words: a name starts after the last of them (see entities._left_edge).
STOP = (
    r"组建|建设|建成|推进|设立|成立|筹建|牵头|推动|支持|依托|联合|加快|打造|举办|成功|发起|持续|完成|实施|开展|围绕|面向|新增|"
    r"拥有|包括|共同|形成|获得|获|入选|启动|发布|深化|落实|聚焦|加强|参与|承担|其中|以及|和|及|在|由|等|的|向|对|将|把|"
    r"被|为|是|了|着|一批|首批|首个|全市|全国|本市|我市|领域|列入|纳入|并|"
    r"提升|优化|办好|争创|探索|完善|布局|做强|做优|健全|增强|实现|加大|强化|推广|坚持|构建|创建|谋划|提高|促进|保障|"
    r"引进|引导|鼓励|规范|统筹|扩大|培育|壮大|争取|积极|全力|大力|高质量|适度超前|超前"
    r"|弘扬|编制|率先|出台|召开|筹办|分类别|发挥|赋予|安排|拟|严禁|搞|发动|力争|用足|用好|体验|独立于|但|开展|深入|"
    r"高规格|高标准|高水平举办|承接|做实|做好|抓好|办成|更多|新阶段|大力发展|加快建设|推动建设|创新实施|深化|纵深推进|"
    r"全面推进|全面|着力|扎实|认真|切实|进一步|继续|不断|努力|奋力|全力推进|争取更多|鼓励|吸引|带动|服务|提供|开工|规划|"
    r"召开|揭牌|上线|运营|挂牌|获批|创建|申报|谋划建设|规划建设|开工建设|暨"
)
# Verbs that also occur inside names (文化强国建设高峰论坛): a boundary only at the start of a stretch.
INTERNAL = frozenset({"建设", "发展", "提升", "保障", "促进", "服务", "创新", "深化", "保护", "修复"})
# For programmes, awards and events only administrative words make a category (省重大人才工程, 年度计划):
# 文化惠民工程 and 全球数字贸易博览会 are names.
ADMIN_WORDS = _words(
    """
    国家 国家级 省 省级 市 市级 县 县级 重大 重点 年度 地方政府 地方 政府 全省 全国 区域 人才 研发
    资助 培养 节庆 展会 活动 各类 相关 健康委托 保障 修复 国防 发展 文化 经贸 贸易 基础性
    """
)
GENERIC = {
    "实验室",
    "重点实验室",
    "研究院",
    "研究所",
    "中心",
    "大学",
    "学院",
    "集团",
    "计划",
    "专项",
    "工程",
    "装置",
    "设施",
    "论坛",
    "大会",
    "奖",
    "国家技术创新中心",
    "研究机构",
    "创新中心",
    "技术创新中心",
    "一等奖",
    "二等奖",
    "三等奖",
    "大奖",
    "国家科学技术奖励",
    "科技创新中心",
    "重大科技基础设施",
    "商业银行",
    "双创示范基地",
    "创新创业集聚区",
    "国家创新街区",
    "重大工程",
    "上市公司",
    "省实验室",
    "省技术创新中心",
    "国家医学中心",
    "区域医疗中心",
    "大科学计划",
    "自贸试验区",
    "富裕示范区",
}
GENERIC_PREFIX = (
    "各类",
    "各种",
    "一批",
    "相关",
    "有关",
    "多项",
    "若干",
    "这些",
    "重大",
    "重点",
    "高水平",
    "新型",
    "新一轮",
    "市级",
    "省级",
)

# Words that, all together, only describe a kind of thing: a name made of them and a head is a category.
GENERIC_WORDS = _words(
    """
    国家 国家级 省 省级 市 市级 县 县级 区域 全省 全国 全球 国际 地方 地方政府 政府 公立 公办 公共
    社区 综合 综合性 重大 重点 高水平 新型 大型 现代 现代化 基础 产业 科技 科创 科技创新 创新 技术
    制造业 文化 体育 交通 托育 适老化 寄递 配送 服务 保险 金融 资产 投资 行业 跨国 平台 融资 证券
    概念验证 企业 智慧 夜间 文旅 消费 教育 医疗 卫生 示范 试点 一流 高等学校 学校 基础研究 卓越 境外
    理工类 海水 种业 大科学 人才 研发 资助 年度 培养 健康 委托 保障 发展 建设 山区 海岛 省内 异地
    结算 定点 单独 惠民 城乡 安葬 国防 中小企业 中小 新兴 未来 战略性 特色 优势 专业 商业 民营 国有
    农村 城市 数字 绿色 低碳 高新技术 高新 功能 公益 普惠 标准 品牌 公园 街区 园区 交易 规模化 供水
    中央 共建 节庆 展会 贸易 基础性 万亩级
    """
)
# Words right after a head that continue a common noun phrase: the head does not end a name there.
CONTINUES = (
    "精神",
    "城市",
    "城",
    "体系",
    "项目",
    "债券",
    "资金",
    "附加",
    "治理",
    "整治",
    "规划",
    "特色",
    "风格",
    "理念",
    "模式",
    "经验",
    "功能",
    "能力",
    "人才",
    "建设用地",
    "试点",
    "集群",
    "名单",
    "创建",
    "评估",
    "机制",
    "改革",
    "政策",
    "基金",
    "战",
    "覆盖",
    "标准",
    "任务",
    "工作",
    "学",
    "发展指数",
    "指数",
    "师",
)
# Of those, the ones that end even a list's class noun (…等专项债券): 人才计划体系 still names programmes.
CONTINUES_LIST = ("精神", "城市", "债券", "资金", "附加", "治理", "整治")
# What follows the quoted name of a digital platform (“湾事通”平台, “浙江e港通”上线运行).
PLATFORM_AFTER = ("平台", "系统", "APP", "App", "app", "小程序", "上线", "2.0", "3.0", "应用程序")
# The verbs after which a campaign's name starts (开展规范涉企执法专项行动: the campaign is 规范涉企执法…).
CAMPAIGN_VERBS = "实施|开展|推进|启动|组织|部署|深化|推动|落实"
AGENCIES = (
    "全国人民代表大会",
    "全国人大常委会",
    "国务院",
    "全国政协",
    "国家发展改革委",
    "国家发改委",
    "科技部",
    "工信部",
    "工业和信息化部",
    "教育部",
    "财政部",
    "商务部",
    "国家知识产权局",
    "中国科学院",
    "中科院",
    "中国工程院",
    "国家自然科学基金委员会",
    "国家自然科学基金委",
)
