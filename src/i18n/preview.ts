/**
 * Words of the print preview (popup/panel/PrintPreview.tsx) and of the follow-up's model choice,
 * spread into ui.ts (so the generated locales and the parity test cover them).
 */
export const PREVIEW_FR = {
  pvTitle: 'Aperçu avant impression',
  pvPages: '{pages} {pages|page|pages} A4 pour {n} {n|compte|comptes}, {model}',
  pvUpdating: 'Mise à jour de l’aperçu…',
  pvError: 'Aperçu indisponible : {detail}',
  pvCard: 'Une fiche {size} : {name}, code d’activation masqué',
  pvCardNoCode: 'Une fiche {size} : {name}',
  pvSizeActual: 'en taille réelle',
  pvSizeFitted: 'réduite à la largeur du panneau',
  pvActivated: '{n} {n|compte déjà activé|comptes déjà activés} : {n|sa fiche donne|leurs fiches donnent} la procédure « Mot de passe oublié », sans code.',
  pvTeachersActivated: '{n} {n|enseignant déjà activé|enseignants déjà activés} : {n|sa fiche rappelle son|leurs fiches rappellent leur} identifiant, sans code.',
  pvFixModel: 'Choisir {model}',
  pvFitWidth: 'Ajuster à la largeur',
  pvActualSize: 'Taille réelle',
  pvScroll: 'Taille réelle, plus large que le panneau : faites défiler la fiche.',
  pvFixShorten: 'Raccourcir le paragraphe (Réglages)',
  fuModel: 'Modèle des fiches',
};

export const PREVIEW_EN: Record<keyof typeof PREVIEW_FR, string> = {
  pvTitle: 'Print preview',
  pvPages: '{pages} A4 {pages|page|pages} for {n} {n|account|accounts}, {model}',
  pvUpdating: 'Updating the preview…',
  pvError: 'Preview unavailable: {detail}',
  pvCard: 'One sheet {size}: {name}, activation code masked',
  pvCardNoCode: 'One sheet {size}: {name}',
  pvSizeActual: 'at actual size',
  pvSizeFitted: 'reduced to the panel’s width',
  pvActivated: '{n} {n|account|accounts} already activated: {n|its sheet gives|their sheets give} the “Forgotten password” procedure, no code.',
  pvTeachersActivated: '{n} {n|teacher|teachers} already activated: {n|their sheet recalls|their sheets recall} their login, no code.',
  pvFixModel: 'Choose {model}',
  pvFitWidth: 'Fit to width',
  pvActualSize: 'Actual size',
  pvScroll: 'Actual size, wider than the panel: scroll the sheet.',
  pvFixShorten: 'Shorten the paragraph (Settings)',
  fuModel: 'Sheets layout',
};
