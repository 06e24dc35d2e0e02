/** The words Octavo itself puts into a book, in the book's language. */
export interface Labels {
  /** The table of contents. */
  contents: string;
  /** The EPUB landmarks list. */
  landmarks: string;
  /** Where the reading starts. */
  start: string;
  cover: string;
  /** The heading over a chapter's notes. */
  notes: string;
  /** "page", abbreviated before a number, as in a cross-reference "(p. 3)". */
  page: string;
  /** The EPUB's list of print pages. */
  pages: string;
  /** Before a figure's number, in a theme that numbers figures: "Figure 3." */
  figure: string;
}

const labels: Record<string, Labels> = {
  en: {
    contents: 'Contents',
    landmarks: 'Guide',
    start: 'Start',
    cover: 'Cover',
    notes: 'Notes',
    page: 'p.',
    pages: 'Pages',
    figure: 'Figure',
  },
  de: {
    contents: 'Inhalt',
    landmarks: 'Orientierung',
    start: 'Beginn',
    cover: 'Umschlag',
    notes: 'Anmerkungen',
    page: 'S.',
    pages: 'Seiten',
    figure: 'Abbildung',
  },
  fr: {
    contents: 'Table des matières',
    landmarks: 'Repères',
    start: 'Début',
    cover: 'Couverture',
    notes: 'Notes',
    page: 'p.',
    pages: 'Pages',
    figure: 'Figure',
  },
  es: {
    contents: 'Índice',
    landmarks: 'Guía',
    start: 'Inicio',
    cover: 'Cubierta',
    notes: 'Notas',
    page: 'p.',
    pages: 'Páginas',
    figure: 'Figura',
  },
  it: {
    contents: 'Indice',
    landmarks: 'Guida',
    start: 'Inizio',
    cover: 'Copertina',
    notes: 'Note',
    page: 'p.',
    pages: 'Pagine',
    figure: 'Figura',
  },
  nl: {
    contents: 'Inhoud',
    landmarks: 'Wegwijzer',
    start: 'Begin',
    cover: 'Omslag',
    notes: 'Noten',
    page: 'p.',
    pages: "Pagina's",
    figure: 'Figuur',
  },
  pt: {
    contents: 'Sumário',
    landmarks: 'Guia',
    start: 'Início',
    cover: 'Capa',
    notes: 'Notas',
    page: 'p.',
    pages: 'Páginas',
    figure: 'Figura',
  },
  pl: {
    contents: 'Spis treści',
    landmarks: 'Przewodnik',
    start: 'Początek',
    cover: 'Okładka',
    notes: 'Przypisy',
    page: 's.',
    pages: 'Strony',
    figure: 'Rysunek',
  },
  cs: {
    contents: 'Obsah',
    landmarks: 'Průvodce',
    start: 'Začátek',
    cover: 'Obálka',
    notes: 'Poznámky',
    page: 's.',
    pages: 'Strany',
    figure: 'Obrázek',
  },
  ru: {
    contents: 'Содержание',
    landmarks: 'Навигация',
    start: 'Начало',
    cover: 'Обложка',
    notes: 'Примечания',
    page: 'с.',
    pages: 'Страницы',
    figure: 'Рисунок',
  },
  sv: {
    contents: 'Innehåll',
    landmarks: 'Guide',
    start: 'Början',
    cover: 'Omslag',
    notes: 'Noter',
    page: 's.',
    pages: 'Sidor',
    figure: 'Figur',
  },
  da: {
    contents: 'Indhold',
    landmarks: 'Guide',
    start: 'Start',
    cover: 'Omslag',
    notes: 'Noter',
    page: 's.',
    pages: 'Sider',
    figure: 'Figur',
  },
  nb: {
    contents: 'Innhold',
    landmarks: 'Veiviser',
    start: 'Start',
    cover: 'Omslag',
    notes: 'Noter',
    page: 's.',
    pages: 'Sider',
    figure: 'Figur',
  },
  fi: {
    contents: 'Sisällys',
    landmarks: 'Opas',
    start: 'Alku',
    cover: 'Kansi',
    notes: 'Huomautukset',
    page: 's.',
    pages: 'Sivut',
    figure: 'Kuva',
  },
  vi: {
    contents: 'Mục lục',
    landmarks: 'Hướng dẫn',
    start: 'Bắt đầu',
    cover: 'Bìa',
    notes: 'Chú thích',
    page: 'tr.',
    pages: 'Trang',
    figure: 'Hình',
  },
};

/** Labels for a BCP 47 language tag; English where the language has none here. */
export function labelsFor(lang: string): Labels {
  const language = lang.split('-')[0]?.toLowerCase() ?? 'en';
  return labels[language === 'no' ? 'nb' : language] ?? (labels.en as Labels);
}
