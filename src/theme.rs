//! Fonts and sizes shared by every screen.

use iced::Font;

/// The bundled UI font: DejaVu Sans covers Kazakh (ә ғ қ ң ө ұ ү һ і) and Russian on every
/// desktop, whatever fonts the machine has. The same file is used for printed documents.
pub const FONT_REGULAR: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");

/// The bold face of the bundled font.
pub const FONT_BOLD: &[u8] = include_bytes!("../assets/fonts/DejaVuSans-Bold.ttf");

/// The family name of the bundled font, used as the default font.
pub const FONT: Font = Font::with_name("DejaVu Sans");

/// The bold variant for headings.
pub const FONT_HEADING: Font = Font {
    weight: iced::font::Weight::Bold,
    ..FONT
};
