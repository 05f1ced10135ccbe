/** The status page's words in Chinese (default) and English. */
export const TEXTS = {
  zh: {
    title: '综治中心态势感知系统',
    lead: '网格、雪亮工程摄像机、风险点位与矛盾纠纷案件的一张图。',
    synthetic: '演示数据：行政区划名称与代码真实，几何图形与业务数据为合成数据。',
    loading: '正在读取…',
    error: '无法连接服务器：',
    switchTo: 'English',
    adminUnits: '行政区划',
    grids: '网格',
    cameras: '摄像机',
    riskPoints: '风险点位',
    cases: '案件',
  },
  en: {
    title: 'Command-center situation awareness',
    lead: 'One map of grids, Sharp Eyes cameras, risk points and disputes.',
    synthetic: 'Demo data: division names and codes are real; geometry and records are synthetic.',
    loading: 'Loading…',
    error: 'Cannot reach the server: ',
    switchTo: '中文',
    adminUnits: 'Admin units',
    grids: 'Grids',
    cameras: 'Cameras',
    riskPoints: 'Risk points',
    cases: 'Cases',
  },
} as const;

export type Language = keyof typeof TEXTS;
