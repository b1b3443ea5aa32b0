/** The family letter in Turkish (see types.ts: the ENT's French words kept, translated in brackets). */
import { listWith, type LetterTexts } from './types';

export const LETTER_TR: LetterTexts = {
  lang: 'tr',
  name: 'Türkçe',
  nameFr: 'turc',
  nameEn: 'Turkish',
  rtl: false,

  'col.name': 'Ad soyad',
  'col.login': 'Kullanıcı adı',
  'col.code': 'Etkinleştirme kodu',
  'col.qr': 'QR kod',
  activated: 'hesap etkin',

  title: 'Kullanım kılavuzu',
  'activate.title': 'Bir hesabı etkinleştirmek için',
  step1: '{url} adresine gidin veya hesabın QR kodunu bir telefonla okutun.',
  'step1.noQr': '{url} adresine gidin.',
  step2: 'Hesabın « Identifiant » (kullanıcı adı) ve « Code d’activation » (etkinleştirme kodu) bilgilerini girin, ardından « Connexion » (Giriş) düğmesine tıklayın.',
  step3: 'Bir şifre seçin ve onaylayın. {rule}',
  step4: 'E-posta adresinizi girin: şifrenizi unutursanız size bir bağlantı gönderilebilir. Kullanım şartlarını (« charte d’utilisation ») kabul edin, ardından « Activer » (Etkinleştir) düğmesine tıklayın.',
  'step4.required': 'E-posta adresinizi girin (zorunludur): şifrenizi unutursanız size bir bağlantı gönderilebilir. Kullanım şartlarını (« charte d’utilisation ») kabul edin, ardından « Activer » (Etkinleştir) düğmesine tıklayın.',
  'activated.title': 'Zaten etkin olan bir hesap için',
  'activated.text': 'Hesabın kullanıcı adı ve şifresiyle giriş yapın. Şifrenizi mi unuttunuz? Giriş sayfasında « Mot de passe oublié ? » (Şifremi unuttum) bağlantısına tıklayın, ardından e-postayla gelen bağlantıyı açın.',
  app: 'Telefonda: aynı kullanıcı adlarıyla ONE Pocket uygulaması (App Store, Google Play).',
  'help.school': 'Yardıma mı ihtiyacınız var? Okula başvurun.',
  'help.url': 'Yardıma mı ihtiyacınız var? {url} adresine bakın veya okula başvurun.',
  keep: 'Bu mektubu saklayın: kullanıcı adı her girişte gereklidir. Kodlar ve QR kodları kişiseldir: kimseyle paylaşmayın.',
  'keep.noQr': 'Bu mektubu saklayın: kullanıcı adı her girişte gereklidir. Kodlar kişiseldir: kimseyle paylaşmayın.',
  'rule.neutral': 'Şifre kuralları ekranda gösterilir.',

  'relaunch.title': 'ENT hesabınızı henüz etkinleştirmediniz',
  'relaunch.titleMany': 'ENT hesaplarınızı henüz etkinleştirmediniz',
  'relaunch.since': 'Kodlarınız size ilk kez {date} tarihinde verildi; işte yeniden.',
  back: 'Türkçe kullanım kılavuzu',

  rule: {
    min: (n) => `en az ${n} karakter`,
    range: (a, b) => (a > 1 ? `${a} ile ${b} karakter arasında` : `en fazla ${b} karakter`),
    exact: (n) => `tam olarak ${n} karakter`,
    upper: 'bir büyük harf',
    lower: 'bir küçük harf',
    letter: 'bir harf',
    digit: 'bir rakam',
    special: 'bir özel karakter',
    among: (set) => `${set.split('').join(' ')} arasından`,
    sentence: ({ length, needs, noSpace }) => {
      let s = '';
      if (length && needs.length) s = `Şifreniz ${length} olmalı ve ${listWith(needs, 've')} içermelidir.`;
      else if (length) s = `Şifreniz ${length} olmalıdır.`;
      else if (needs.length) s = `Şifreniz en az ${listWith(needs, 've')} içermelidir.`;
      if (noSpace) s += `${s ? ' ' : ''}Şifre boşluk içermemelidir.`;
      return s;
    },
  },
};
