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
  },
  de: {
    contents: 'Inhalt',
    landmarks: 'Orientierung',
    start: 'Beginn',
    cover: 'Umschlag',
    notes: 'Anmerkungen',
    page: 'S.',
    pages: 'Seiten',
  },
  fr: {
    contents: 'Table des matières',
    landmarks: 'Repères',
    start: 'Début',
    cover: 'Couverture',
    notes: 'Notes',
    page: 'p.',
    pages: 'Pages',
  },
  es: {
    contents: 'Índice',
    landmarks: 'Guía',
    start: 'Inicio',
    cover: 'Cubierta',
    notes: 'Notas',
    page: 'p.',
    pages: 'Páginas',
  },
  it: {
    contents: 'Indice',
    landmarks: 'Guida',
    start: 'Inizio',
    cover: 'Copertina',
    notes: 'Note',
    page: 'p.',
    pages: 'Pagine',
  },
  nl: {
    contents: 'Inhoud',
    landmarks: 'Wegwijzer',
    start: 'Begin',
    cover: 'Omslag',
    notes: 'Noten',
    page: 'p.',
    pages: "Pagina's",
  },
  pt: {
    contents: 'Sumário',
    landmarks: 'Guia',
    start: 'Início',
    cover: 'Capa',
    notes: 'Notas',
    page: 'p.',
    pages: 'Páginas',
  },
  pl: {
    contents: 'Spis treści',
    landmarks: 'Przewodnik',
    start: 'Początek',
    cover: 'Okładka',
    notes: 'Przypisy',
    page: 's.',
    pages: 'Strony',
  },
  cs: {
    contents: 'Obsah',
    landmarks: 'Průvodce',
    start: 'Začátek',
    cover: 'Obálka',
    notes: 'Poznámky',
    page: 's.',
    pages: 'Strany',
  },
  ru: {
    contents: 'Содержание',
    landmarks: 'Навигация',
    start: 'Начало',
    cover: 'Обложка',
    notes: 'Примечания',
    page: 'с.',
    pages: 'Страницы',
  },
  sv: {
    contents: 'Innehåll',
    landmarks: 'Guide',
    start: 'Början',
    cover: 'Omslag',
    notes: 'Noter',
    page: 's.',
    pages: 'Sidor',
  },
  da: {
    contents: 'Indhold',
    landmarks: 'Guide',
    start: 'Start',
    cover: 'Omslag',
    notes: 'Noter',
    page: 's.',
    pages: 'Sider',
  },
  nb: {
    contents: 'Innhold',
    landmarks: 'Veiviser',
    start: 'Start',
    cover: 'Omslag',
    notes: 'Noter',
    page: 's.',
    pages: 'Sider',
  },
  fi: {
    contents: 'Sisällys',
    landmarks: 'Opas',
    start: 'Alku',
    cover: 'Kansi',
    notes: 'Huomautukset',
    page: 's.',
    pages: 'Sivut',
  },
  vi: {
    contents: 'Mục lục',
    landmarks: 'Hướng dẫn',
    start: 'Bắt đầu',
    cover: 'Bìa',
    notes: 'Chú thích',
    page: 'tr.',
    pages: 'Trang',
  },
};

/** Labels for a BCP 47 language tag; English where the language has none here. */
export function labelsFor(lang: string): Labels {
  const language = lang.split('-')[0]?.toLowerCase() ?? 'en';
  return labels[language === 'no' ? 'nb' : language] ?? (labels.en as Labels);
}
