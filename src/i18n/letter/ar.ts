/**
 * The family letter in Arabic, set right to left (jsPDF shapes the letters into their joined
 * presentation forms, as it does for names). Written without vowel marks, as everyday Arabic is;
 * the ENT's French words stay in French inside the sentence, their translation in brackets.
 * « Mot de passe oublié » loses its « ? » here: a question mark between a French word and Arabic
 * text is set by the bidirectional algorithm at the wrong end of the French words.
 */
import type { LetterTexts } from './types';

/** « أ، ب و ج »: the Arabic comma, and « و » joined to the last item. */
const list = (items: string[]): string => (items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join('، ')} و${items[items.length - 1]}`);

export const LETTER_AR: LetterTexts = {
  lang: 'ar',
  name: 'العربية',
  nameFr: 'arabe',
  nameEn: 'Arabic',
  rtl: true,

  'col.name': 'الاسم',
  'col.login': 'اسم المستخدم',
  'col.code': 'رمز التفعيل',
  'col.qr': 'رمز QR',
  activated: 'حساب مفعل',

  title: 'طريقة الاستعمال',
  'activate.title': 'لتفعيل حساب',
  step1: 'ادخلوا إلى {url} أو امسحوا رمز QR الخاص بالحساب بواسطة الهاتف.',
  'step1.noQr': 'ادخلوا إلى {url}.',
  step2: 'أدخلوا « Identifiant » (اسم المستخدم) و« Code d’activation » (رمز التفعيل) الخاصين بالحساب، ثم انقروا على « Connexion » (الدخول).',
  step3: 'اختاروا كلمة مرور ثم أكدوها. {rule}',
  step4: 'أدخلوا عنوان بريدكم الإلكتروني: يسمح لكم بتلقي رابط إذا نسيتم كلمة المرور. وافقوا على ميثاق الاستخدام (« charte d’utilisation »)، ثم انقروا على « Activer » (تفعيل).',
  'step4.required': 'أدخلوا عنوان بريدكم الإلكتروني (وهو إلزامي): يسمح لكم بتلقي رابط إذا نسيتم كلمة المرور. وافقوا على ميثاق الاستخدام (« charte d’utilisation »)، ثم انقروا على « Activer » (تفعيل).',
  'activated.title': 'لحساب مفعل من قبل',
  'activated.text': 'سجلوا الدخول باسم المستخدم وكلمة المرور الخاصين بالحساب. نسيتم كلمة المرور؟ انقروا على « Mot de passe oublié » (نسيت كلمة المرور) في صفحة الدخول، ثم اتبعوا الرابط الذي يصلكم عبر البريد الإلكتروني.',
  // no brackets around Latin words here: set right to left, they would enclose the wrong words
  app: 'على الهاتف: تطبيق ONE Pocket من App Store أو Google Play، بأسماء المستخدمين نفسها.',
  'help.school': 'هل تحتاجون إلى مساعدة؟ توجهوا إلى المدرسة.',
  'help.url': 'هل تحتاجون إلى مساعدة؟ {url} أو توجهوا إلى المدرسة.',
  keep: 'احتفظوا بهذه الرسالة: اسم المستخدم ضروري عند كل دخول. الرموز ورموز QR شخصية: لا تعطوها لأحد.',
  'keep.noQr': 'احتفظوا بهذه الرسالة: اسم المستخدم ضروري عند كل دخول. الرموز شخصية: لا تعطوها لأحد.',
  'rule.neutral': 'تظهر قواعد كلمة المرور على الشاشة.',

  'relaunch.title': 'لم تفعلوا حسابكم في ENT بعد',
  'relaunch.titleMany': 'لم تفعلوا حساباتكم في ENT بعد',
  'relaunch.since': 'سلمت إليكم رموزكم أول مرة بتاريخ {date}، وها هي من جديد.',
  back: 'طريقة الاستعمال بالعربية',

  rule: {
    // « ما لا يقل عن 8 من الأحرف »: a wording that agrees with any number
    min: (n) => `ما لا يقل عن ${n} من الأحرف`,
    range: (a, b) => (a > 1 ? `ما بين ${a} و${b} من الأحرف` : `ما لا يزيد عن ${b} من الأحرف`),
    exact: (n) => `${n} من الأحرف بالضبط`,
    upper: 'حرف كبير',
    lower: 'حرف صغير',
    letter: 'حرف',
    digit: 'رقم',
    special: 'رمز خاص',
    among: (set) => `من بين ${set.split('').join(' ')}`,
    sentence: ({ length, needs, noSpace }) => {
      let s: string;
      if (length && needs.length) s = `يجب أن تحتوي كلمة المرور على ${length}، منها ${list(needs)}.`;
      else if (length) s = `يجب أن تحتوي كلمة المرور على ${length}.`;
      else if (needs.length) s = `يجب أن تحتوي كلمة المرور على الأقل على ${list(needs)}.`;
      else s = '';
      if (noSpace) s += `${s ? ' ' : ''}يجب ألا تحتوي كلمة المرور على مسافات.`;
      return s;
    },
  },
};
